import Link from "next/link";
import { StatusMessage } from "@/components/layout/status-message";

export function EmptyCheckout() {
  return (
    <StatusMessage
      title="Your cart is empty"
      actions={
        <Link href="/" className="button">
          Browse the shop
        </Link>
      }
    >
      <p>Add something to your cart, then come back here to check out in one click with Bolt.</p>
    </StatusMessage>
  );
}
