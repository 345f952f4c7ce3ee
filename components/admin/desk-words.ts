import type { EventSource } from "@/lib/db/schema";
import type { OrderStatus } from "@/lib/ledger";

// The desk's words for the ledger's statuses and events: a merchant's vocabulary, where the shopper's
// pages use components/orders/order-status.ts.

export const STATUS_LABELS: Record<OrderStatus, string> = {
  pending: "Awaiting Bolt",
  unconfirmed: "Unconfirmed",
  authorized: "Authorized",
  in_review: "In review",
  declined: "Declined",
  captured: "Captured",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
  voided: "Voided",
  rejected: "Rejected",
};

export const SOURCE_LABELS: Record<EventSource, string> = {
  storefront: "Storefront",
  bolt: "Bolt",
  reconciler: "Reconciler",
  webhook: "Bolt webhook",
  merchant: "Merchant",
};

/** What each event in an order's timeline means; a type not listed shows as it is. */
const EVENT_LABELS: Record<string, string> = {
  created: "Order placed",
  sent: "Payment sent to Bolt",
  resent: "Payment sent to Bolt again",
  checked: "Asked Bolt for the payment's answer",
  checks_stopped: "Stopped asking Bolt",
  authorized: "Bolt authorized the payment",
  in_review: "Bolt held the payment for review",
  declined: "Bolt declined the payment",
  unconfirmed: "No answer from Bolt yet",
  forgotten: "The shopper's personal data was removed",
  payment: "Authorized and captured",
  auth: "Authorized",
  pending: "Held for review",
  capture: "Captured",
  credit: "Refunded",
  void: "Voided",
  rejected_irreversible: "Rejected after review",
  rejected_reversible: "Rejected after review, reversibly",
  failed_payment: "A payment attempt failed",
  sync: "Read from Bolt",
};

export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? type;
}

/** A capture event carries the captured total; a refund, its own amount; the rest, the amount authorized. */
export function eventAmountWords(type: string, amount: string): string {
  if (type === "capture") return `${amount} captured in all`;
  if (type === "credit") return `${amount} refunded`;
  return amount;
}
