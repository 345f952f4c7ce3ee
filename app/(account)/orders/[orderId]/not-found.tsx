import type { Metadata } from "next";
import Link from "next/link";
import { StatusMessage } from "@/components/layout/status-message";

export const metadata: Metadata = { title: "Order not available", robots: { index: false } };

/** One page for an unknown id, someone else's order and a wrong key alike, so none can be told apart. */
export default function OrderNotFound() {
  return (
    <StatusMessage
      title="We can't show this order here"
      actions={
        <>
          <Link href="/orders" className="button">
            Your orders
          </Link>
          <Link href="/" className="button button-secondary">
            Continue shopping
          </Link>
        </>
      }
    >
      <p>
        Signed-in shoppers find their orders under Your orders. Without an account, open the link from your order
        confirmation, in full, or come back in the browser you ordered from.
      </p>
    </StatusMessage>
  );
}
