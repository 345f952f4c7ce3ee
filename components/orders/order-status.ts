import type { Order, OrderStatus } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";

export type StatusWords = {
  /** On the order page and in "Your orders". */
  label: string;
  title: string;
  heading: string;
  /** What it means for the shopper, and what happens next. */
  detail: string;
  cardHeading: string;
};

type Facts = Pick<Order, "status" | "currency" | "totalCents" | "refundedCents" | "email">;

const CONFIRMING = "We're confirming your payment with Bolt…";

/** Words a shopper reads without alarm: an open order is not a failure, and a resend never charges twice. */
export function statusWords(order: Facts): StatusWords {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const emailed = (what: string) => (order.email ? ` We'll email ${order.email} ${what}.` : "");
  const refundTime = "Refunds take a few business days to show on your statement.";
  const words: Record<OrderStatus, () => StatusWords> = {
    pending: () => confirming(),
    unconfirmed: () => confirming(),
    authorized: () => ({
      label: "Order confirmed",
      title: "Order confirmed",
      heading: "Thank you, your order is placed",
      detail: `Bolt approved the payment of ${money(order.totalCents)}.${emailed("when it ships")}`,
      cardHeading: "Paid with",
    }),
    in_review: () => ({
      label: "Order in review",
      title: "Order in review",
      heading: "Thank you, your order is in review",
      detail: `Bolt is reviewing the payment, as it does for some orders; nothing more is needed from you.${emailed("once it's confirmed")}`,
      cardHeading: "Paying with",
    }),
    declined: () => ({
      label: "Payment declined",
      title: "Payment declined",
      heading: "The payment was declined",
      detail: "The card was declined, so nothing was charged and this order was not placed.",
      cardHeading: "Card declined",
    }),
    captured: () => ({
      label: "Paid",
      title: "Order paid",
      // Whether Bolt captures at once or the merchant later, the shopper is thanked the same way.
      heading: "Thank you, your order is placed",
      detail: `The payment of ${money(order.totalCents)} has been taken.${emailed("when it ships")}`,
      cardHeading: "Paid with",
    }),
    partially_refunded: () => ({
      label: `Partly refunded: ${money(order.refundedCents)}`,
      title: "Order partly refunded",
      heading: "Part of your order was refunded",
      detail: `${money(order.refundedCents)} of ${money(order.totalCents)} is on its way back to your card. ${refundTime}`,
      cardHeading: "Paid with",
    }),
    refunded: () => ({
      label: `Refunded: ${money(order.refundedCents)}`,
      title: "Order refunded",
      heading: "Your order was refunded",
      detail: `${money(order.refundedCents)} is on its way back to your card. ${refundTime}`,
      cardHeading: "Paid with",
    }),
    voided: () => ({
      label: "Cancelled",
      title: "Order cancelled",
      heading: "Your order was cancelled",
      detail: "The order was cancelled before the payment was taken: your card was not charged.",
      cardHeading: "Card not charged",
    }),
    rejected: () => ({
      label: "Cancelled after review",
      title: "Order cancelled after review",
      heading: "Your order was cancelled after review",
      detail:
        "Bolt reviewed the payment and did not accept it, so the order was cancelled and your card was not charged.",
      cardHeading: "Card not charged",
    }),
  };
  return words[order.status]();
}

function confirming(): StatusWords {
  return {
    label: CONFIRMING,
    title: "Confirming your payment",
    heading: CONFIRMING,
    detail:
      "Your order is saved. Bolt hasn't confirmed the payment yet, which can take a minute; nothing more is needed from you, and you'll never be charged twice for it. Reload this page to see the result.",
    cardHeading: "Paying with",
  };
}
