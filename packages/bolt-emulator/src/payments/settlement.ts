import { objectId } from "../ids";
import { answersOf } from "../profile";
import type { Emulator } from "../state";
import { capturedAmount, refundedAmount, type Payment, type Refund } from "../store/transactions";
import type { TransactionEvent } from "../webhooks/events";

/** What a merchant can do to a payment, through Bolt's API or in Bolt's dashboard. */
export type SettlementAction =
  | { action: "capture"; amount: number; currency?: string }
  | { action: "void" }
  | { action: "refund"; amount: number; currency?: string }
  | { action: "approve" }
  | { action: "reject"; reversible?: boolean };

/** The payment changed, and the webhook event the change fires (a refund names the refund transaction too). */
export type Settled = { event: TransactionEvent; payment: Payment; refund?: Refund };

/** A request the payment's state or amounts forbid; each endpoint answers it with its documented status. */
export class SettlementRefusal extends Error {
  constructor(
    readonly reason: "state" | "amount" | "currency",
    message: string,
  ) {
    super(message);
    this.name = "SettlementRefusal";
  }
}

const STATE_REASONS: Partial<Record<Payment["status"], string>> = {
  pending: "the payment is held for Bolt's risk review; approve it first",
  cancelled: "the authorization was voided",
  rejected_reversible: "the payment was rejected in review",
  rejected_irreversible: "the payment was rejected in review",
  failed: "the authorization was declined",
};

function refuseState(payment: Payment, fallback: string): never {
  throw new SettlementRefusal("state", STATE_REASONS[payment.status] ?? fallback);
}

function checkCurrency(payment: Payment, currency: string | undefined): void {
  if (currency !== undefined && currency !== payment.currency) {
    throw new SettlementRefusal("currency", `currency: the transaction is in ${payment.currency}, not ${currency}`);
  }
}

function capture(payment: Payment, amount: number, currency?: string): Settled {
  checkCurrency(payment, currency);
  if (payment.status !== "authorized" && payment.status !== "completed") refuseState(payment, "it cannot be captured");
  const left = payment.amount - capturedAmount(payment);
  if (amount > left) {
    throw new SettlementRefusal("amount", `${amount} is more than the ${left} left to capture of ${payment.amount}`);
  }
  payment.captures.push({ id: objectId(), amount, at: Date.now() });
  // Bolt's sandbox was recorded saying `completed` after a partial capture too.
  payment.status = "completed";
  return { event: "capture", payment };
}

function voidPayment(payment: Payment): Settled {
  if (payment.captures.length > 0) refuseState(payment, "the payment has been captured; refund it instead");
  if (payment.status !== "authorized" && payment.status !== "pending" && payment.status !== "rejected_reversible") {
    refuseState(payment, "it cannot be voided");
  }
  payment.status = "cancelled";
  payment.voidCause = "merchant_action";
  return { event: "void", payment };
}

function refund(payment: Payment, amount: number, emulator: Emulator, currency?: string): Settled {
  checkCurrency(payment, currency);
  const left = capturedAmount(payment) - refundedAmount(payment);
  if (amount > left) {
    throw new SettlementRefusal("amount", `${amount} is more than the ${left} captured and not yet refunded`);
  }
  const made: Refund = {
    id: objectId(),
    reference: answersOf(emulator.settings.profile).reference(),
    amount,
    at: Date.now(),
  };
  emulator.state.transactions.addRefund(payment, made);
  return { event: "credit", payment, refund: made };
}

const inReview = (payment: Payment) =>
  payment.review === "needs_review" && (payment.status === "pending" || payment.status === "rejected_reversible");

/** Approving lets the payment go on as if it had never been held; with `auto_capture` it is captured now. */
function approve(payment: Payment): Settled {
  if (!inReview(payment)) throw new SettlementRefusal("state", "the payment is not waiting for a review");
  payment.review = "reviewed";
  payment.status = "authorized";
  if (!payment.autoCapture) return { event: "auth", payment };
  capture(payment, payment.amount);
  return { event: "payment", payment };
}

/**
 * Rejecting in Bolt's API is final: the authorization is released (`rejected_irreversible`). Only
 * Bolt's dashboard rejects reversibly (`rejected_reversible`): the payment stays in review and may
 * still be approved or rejected for good *(UNCONFIRMED: how Bolt's reviewers reach that state)*.
 */
function reject(payment: Payment, reversible: boolean): Settled {
  if (!inReview(payment) || (reversible && payment.status === "rejected_reversible")) {
    throw new SettlementRefusal("state", "the payment is not waiting for a review");
  }
  if (reversible) {
    payment.status = "rejected_reversible";
    return { event: "rejected_reversible", payment };
  }
  payment.review = "reviewed";
  payment.status = "rejected_irreversible";
  payment.voidCause = "irreversible_reject";
  return { event: "rejected_irreversible", payment };
}

/** Applies one action to a payment, or throws a {@link SettlementRefusal} and changes nothing. */
export function settle(emulator: Emulator, payment: Payment, action: SettlementAction): Settled {
  switch (action.action) {
    case "capture":
      return capture(payment, action.amount, action.currency);
    case "void":
      return voidPayment(payment);
    case "refund":
      return refund(payment, action.amount, emulator, action.currency);
    case "approve":
      return approve(payment);
    case "reject":
      return reject(payment, action.reversible ?? false);
  }
}
