import type { Metadata } from "next";
import Link from "next/link";
import { OrderConfirmation } from "@/components/checkout/order-confirmation";
import { StatusMessage } from "@/components/layout/status-message";
import { getSessionView } from "@/lib/auth";
import { readReceipt } from "@/lib/orders/receipt";

export const metadata: Metadata = { title: "Order confirmed", robots: { index: false } };

export default async function OrderPage({ params }: PageProps<"/orders/[orderNumber]">) {
  const { orderNumber } = await params;
  const session = await getSessionView();
  const receipt = session.signedIn ? await readReceipt(orderNumber, session.email) : null;
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
          Order details are shown only to the signed-in shopper who placed the order, for an hour after checkout. Bolt
          has emailed the receipt.
        </p>
      </StatusMessage>
    );
  }
  return <OrderConfirmation receipt={receipt} />;
}
