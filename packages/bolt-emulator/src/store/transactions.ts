import type { SavedCard } from "./shoppers";

/** The card a payment was made with, as the transaction views show it. */
export type PaymentCard = Pick<SavedCard, "id" | "network" | "last4" | "bin" | "expMonth" | "expYear"> & {
  billingAddress?: SavedCard["billingAddress"];
};

/** Bolt's `transaction_status` values a card payment moves through. */
export type PaymentStatus =
  "authorized" | "pending" | "completed" | "cancelled" | "rejected_reversible" | "rejected_irreversible" | "failed";

export type Capture = { id: string; amount: number; at: number };

/** A refund is a transaction of its own (`cc_credit`), with its own reference. */
export type Refund = { id: string; reference: string; amount: number; at: number };

/** Why an authorization was declined: Bolt's `credit_card_authorization_reason`. */
export type DeclineReason = "call_issuer" | "expired" | "invalid_cvv";

/** One authorization and everything that happened to it since. */
export type Payment = {
  id: string;
  reference: string;
  orderReference: string;
  /** Absent in the sandbox profile, which answers without one. */
  orderNumber?: string;
  /** The email of the shopper or guest who paid. */
  payer: string;
  amount: number;
  currency: string;
  createdAt: number;
  card: PaymentCard;
  status: PaymentStatus;
  /** Set while Bolt's risk review holds the payment, and after it decided. */
  review?: "needs_review" | "reviewed";
  autoCapture: boolean;
  declineReason?: DeclineReason;
  voidCause?: "merchant_action" | "irreversible_reject";
  captures: Capture[];
  refunds: Refund[];
};

/** What `/__emulator/orders` lists: one entry per authorization that went through. */
export type Order = {
  orderNumber?: string;
  orderReference: string;
  shopper: string;
  amount: number;
  currency: string;
  creditCardId: string;
  transactionId: string;
  transactionReference: string;
  createdAt: string;
  status: PaymentStatus;
  capturedAmount: number;
  refundedAmount: number;
};

export type OrderFilter = { email?: string; orderReference?: string };

export const capturedAmount = (payment: Payment) => payment.captures.reduce((sum, capture) => sum + capture.amount, 0);
export const refundedAmount = (payment: Payment) => payment.refunds.reduce((sum, refund) => sum + refund.amount, 0);

/**
 * Every card payment the emulator made, declined ones included (their webhook names a reference a
 * merchant may look up), and the refunds made on them.
 */
export class TransactionStore {
  private readonly payments: Payment[] = [];
  private readonly byReference = new Map<string, Payment>();
  private readonly refundsByReference = new Map<string, { refund: Refund; payment: Payment }>();

  add(payment: Payment): void {
    this.payments.push(payment);
    this.byReference.set(payment.reference, payment);
  }

  addRefund(payment: Payment, refund: Refund): void {
    payment.refunds.push(refund);
    this.refundsByReference.set(refund.reference, { refund, payment });
  }

  payment(reference: string): Payment | undefined {
    return this.byReference.get(reference);
  }

  refund(reference: string): { refund: Refund; payment: Payment } | undefined {
    return this.refundsByReference.get(reference);
  }

  /** Whether this order reference was paid: a declined attempt does not count, so the shopper can try again. */
  hasOrderReference(orderReference: string): boolean {
    return this.payments.some((payment) => payment.status !== "failed" && payment.orderReference === orderReference);
  }

  orders(filter: OrderFilter = {}): Order[] {
    return this.payments
      .filter(
        (payment) =>
          payment.status !== "failed" &&
          (!filter.email || payment.payer === filter.email) &&
          (!filter.orderReference || payment.orderReference === filter.orderReference),
      )
      .map((payment) => ({
        ...(payment.orderNumber ? { orderNumber: payment.orderNumber } : {}),
        orderReference: payment.orderReference,
        shopper: payment.payer,
        amount: payment.amount,
        currency: payment.currency,
        creditCardId: payment.card.id,
        transactionId: payment.id,
        transactionReference: payment.reference,
        createdAt: new Date(payment.createdAt).toISOString(),
        status: payment.status,
        capturedAmount: capturedAmount(payment),
        refundedAmount: refundedAmount(payment),
      }));
  }
}
