import { paymentView, refundView } from "../payments/transaction-view";
import type { Emulator } from "../state";
import type { Payment, Refund } from "../store/transactions";

/** The transaction events Bolt sends (`webhooks_type`), each fired by the emulator. */
export const TRANSACTION_EVENTS = [
  "payment",
  "credit",
  "capture",
  "void",
  "auth",
  "pending",
  "rejected_irreversible",
  "rejected_reversible",
  "failed_payment",
] as const;
export type TransactionEvent = (typeof TRANSACTION_EVENTS)[number];

/** Every event a webhook may subscribe to; the last three are never fired by the emulator. */
export const WEBHOOK_EVENTS = [
  ...TRANSACTION_EVENTS,
  "newsletter_subscription",
  "risk_insights",
  "credit_card_deleted",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** One event for every subscribed webhook: Bolt's body, and what the delivery log names it by. */
export type PublishedEvent = {
  type: WebhookEventType;
  /** The payment's reference (for a refund, the payment it refunded). */
  reference: string;
  orderReference: string;
  body: { type: WebhookEventType; object: "transaction"; data: Record<string, unknown> };
};

/**
 * Sends `type` about a payment to every webhook subscribed to it, after the API has answered. `data`
 * is the transaction as `GET /v1/merchant/transactions/{REFERENCE}` shows it at this moment: for a
 * refund, the refund transaction (its own reference, `source_transaction` the payment).
 */
export function publishTransactionEvent(
  emulator: Emulator,
  type: TransactionEvent,
  payment: Payment,
  refund?: Refund,
): void {
  const { profile } = emulator.settings;
  const data = refund ? refundView(payment, refund, profile) : paymentView(payment, profile);
  emulator.state.webhooks.publish({
    type,
    reference: payment.reference,
    orderReference: payment.orderReference,
    body: { type, object: "transaction", data },
  });
}
