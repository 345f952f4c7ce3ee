import { ErrorCodes, invalidInput } from "../http/errors";
import type { StoredReply } from "../http/idempotency";
import { objectId, orderNumber } from "../ids";
import { answersOf } from "../profile";
import type { Emulator } from "../state";
import type { SavedCard } from "../store/shoppers";
import type { DeclineReason, Payment, PaymentCard } from "../store/transactions";
import { publishTransactionEvent } from "../webhooks/events";
import type { Cart } from "./authorize-input";
import { settle } from "./settlement";
import { paymentView } from "./transaction-view";

/** A total of exactly $666.00 is declined whatever the card, so any shopper can rehearse a decline. */
export const DECLINED_TOTAL = 66600;
/** A total of exactly $777.00 is paid but held for Bolt's risk review, so any shopper can see an order in review. */
export const REVIEW_TOTAL = 77700;

/** The card a payment is made with (a saved one, or one the payment field just tokenized) and its test behaviour. */
export type ChargedCard = PaymentCard & Pick<SavedCard, "alwaysDeclines" | "heldForReview" | "failsCvvCheck">;

export type Decline = { code: number; message: string; reason: DeclineReason };

/** What the payment is for and how: the cart, who pays, and whether Bolt captures at once. */
export type PaymentRequest = { cart: Cart; card: ChargedCard; payer: string; autoCapture: boolean };

/** The card's answer before any money moves: a decline, or undefined when the payment may go through. */
export function refusal(card: ChargedCard, cart: Cart, expired: boolean): Decline | undefined {
  if (expired) return { code: ErrorCodes.cardExpired, message: "The card has expired.", reason: "expired" };
  if (card.alwaysDeclines || cart.total_amount === DECLINED_TOTAL) {
    return {
      code: ErrorCodes.declined,
      message: "The payment was declined by the card issuer.",
      reason: "call_issuer",
    };
  }
  if (card.failsCvvCheck) {
    return {
      code: ErrorCodes.cvvCheckFailed,
      message: "The card's security code (CVV) failed the processor's check.",
      reason: "invalid_cvv",
    };
  }
  return undefined;
}

function newPayment(request: PaymentRequest, emulator: Emulator, status: Payment["status"]): Payment {
  const { cart, card, payer, autoCapture } = request;
  const { billingAddress, id, network, last4, bin, expMonth, expYear } = card;
  return {
    id: objectId(),
    reference: answersOf(emulator.settings.profile).reference(),
    orderReference: cart.order_reference,
    payer,
    amount: cart.total_amount,
    currency: cart.currency,
    createdAt: Date.now(),
    card: { id, network, last4, bin, expMonth, expYear, ...(billingAddress ? { billingAddress } : {}) },
    status,
    autoCapture,
    captures: [],
    refunds: [],
  };
}

/**
 * Records a declined authorization and answers it (422, Bolt's error shape). It is no order: the same
 * order reference may be paid later. Its `failed_payment` webhook names it, so it can be looked up.
 */
export function declinePayment(request: PaymentRequest, decline: Decline, emulator: Emulator): StoredReply {
  const payment = { ...newPayment(request, emulator, "failed"), declineReason: decline.reason };
  emulator.state.transactions.add(payment);
  publishTransactionEvent(emulator, "failed_payment", payment);
  return {
    status: 422,
    body: { result: { success: false }, errors: [{ code: decline.code, message: decline.message }] },
  };
}

/**
 * Records a paid order for the payer (the shopper's or the guest's email) and answers it as
 * `i_authorize_result_view`. An `order_reference` that was already paid is refused. A payment held for
 * review fires `pending`; otherwise `auth`, or `payment` when `auto_capture` captured it at once.
 */
export function placeOrder(request: PaymentRequest, emulator: Emulator, didCreateAccount = false): StoredReply {
  const { transactions } = emulator.state;
  const { cart, card } = request;
  if (transactions.hasOrderReference(cart.order_reference)) {
    throw invalidInput(`cart.order_reference: ${cart.order_reference} has already been paid`);
  }
  const answers = answersOf(emulator.settings.profile);
  const held = card.heldForReview || cart.total_amount === REVIEW_TOTAL;
  const payment = newPayment(request, emulator, held ? "pending" : "authorized");
  if (held) payment.review = "needs_review";
  if (answers.orderNumber) payment.orderNumber = orderNumber();
  transactions.add(payment);

  const asAuthorized = paymentView(payment, emulator.settings.profile, false);
  const capturing = request.autoCapture && !held;
  if (capturing) settle(emulator, payment, { action: "capture", amount: payment.amount });
  publishTransactionEvent(emulator, held ? "pending" : capturing ? "payment" : "auth", payment);

  const shown = answers.answersBeforeCapture ? asAuthorized : paymentView(payment, emulator.settings.profile, false);
  const transaction = shown.status === "authorized" ? { ...shown, status: answers.authorizedStatus } : shown;
  return {
    status: 200,
    body: {
      did_create_bolt_account: didCreateAccount,
      ...(payment.orderNumber ? { order_number: payment.orderNumber } : {}),
      transaction,
    },
  };
}
