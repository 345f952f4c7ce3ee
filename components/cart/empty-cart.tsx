import Link from "next/link";
import { StatusMessage } from "@/components/layout/status-message";

export function EmptyCart() {
  return (
    <StatusMessage
      title="Your cart is empty"
      actions={
        <Link href="/" className="button">
          Continue shopping
        </Link>
      }
    >
      <p>Find something you like in the shop, then come back here to check out in one click.</p>
    </StatusMessage>
  );
}
