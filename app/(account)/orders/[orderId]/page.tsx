import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { OrderConfirmation } from "@/components/checkout/order-confirmation";
import { StatusMessage } from "@/components/layout/status-message";
import { readReceipt } from "@/lib/checkout/receipt";
import { getSessionView } from "@/lib/session/view";

/** This browser's receipt for the order, read once per request by the title and the page. */
const receiptFor = cache(async (orderId: string) => {
  const session = await getSessionView();
  return readReceipt(orderId, session.signedIn ? session.email : undefined);
});

export async function generateMetadata({ params }: PageProps<"/orders/[orderId]">): Promise<Metadata> {
  const receipt = await receiptFor((await params).orderId);
  const title = !receipt ? "Your order" : receipt.status === "in_review" ? "Order in review" : "Order confirmed";
  return { title, robots: { index: false } };
}

export default async function OrderPage({ params }: PageProps<"/orders/[orderId]">) {
  const receipt = await receiptFor((await params).orderId);
  if (!receipt) {
    return (
      <StatusMessage
        title="We can't show this order here"
        actions={
          <Link href="/" className="button">
            Continue shopping
          </Link>
        }
      >
        <p>
          Order details are shown only in the browser that placed the order (signed in as the same shopper), for an hour
          after checkout. Bolt has emailed the receipt.
        </p>
      </StatusMessage>
    );
  }
  return <OrderConfirmation receipt={receipt} />;
}
