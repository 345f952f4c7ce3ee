import { BoltError, supportCode, withSupportCode } from "@/lib/bolt";
import { KvUnavailableError } from "@/lib/kv";
import { LedgerError } from "@/lib/ledger/errors";
import { formatMoney } from "@/lib/money";
import { RateLimitedError } from "@/lib/rate-limit";
import { RefreshPendingError, SignedOutError, StepUpRequiredError } from "@/lib/session/errors";
import { CardNotSavedError, StaleChoiceError } from "./new-attempt";
import type { GuestField } from "./payment-form";
import type { RefusalReason } from "./answer";
import type { PaymentOutcome } from "./place-order";
import { errorFields, log } from "@/lib/log/logger";

/** A placed order redirects instead. */
export type CheckoutState =
  | { status: "idle" }
  | {
      status: "error";
      message: string;
      fields?: Partial<Record<GuestField, string>>;
      /** Bolt's answer never came: the order stays open, and the page says so once. */
      unconfirmed?: true;
    }
  /** Nothing was charged: the page shows the new cart. */
  | { status: "cart-changed"; message: string }
  /** The shopper verifies in Bolt's modal, then the order goes again. */
  | { status: "step-up" };

// Every message says whether anything was charged and what to do next.

export const MESSAGES = {
  signedOut: "Your Bolt session has ended. Sign in again to continue; your cart is kept.",
  unconfirmedSignIn: "We couldn't confirm your sign-in just now. Please try again: nothing was charged.",
  kvDown: "We couldn't start the payment just now. Please try again in a moment: nothing was charged.",
  ledgerDown: "We couldn't record your order just now, so nothing was charged. Please try again in a moment.",
  unconfirmed: "We couldn't confirm the payment with Bolt. Please try again: you won't be charged twice.",
  busy: "Your payment is already on its way. Give it a moment: you won't be charged twice.",
  emptyCart: "Your cart is empty.",
  boltDown: "Bolt didn't answer, so nothing was charged. Please try again.",
  cardNotTokenized: "Check your card details: Bolt's payment field couldn't read them.",
  missingChoice: "Choose an address and a card to place your order.",
  addressGone: "That address is no longer in your Bolt account. Choose another.",
  cardGone: "That card is no longer in your Bolt account. Choose another.",
  savedCardExpired: "That card has expired. Choose another card.",
  cardNotSaved: "Bolt couldn't save this card, so nothing was charged. Check the card details and try again.",
  notOwnPage:
    "This payment must come from the store's checkout page. Reload the page and try again: nothing was charged.",
} as const;

const REFUSALS: Record<RefusalReason, string> = {
  declined: "Your card was declined. Try another card; your cart and details are kept.",
  card_expired: "Your card has expired. Check the expiry date or use another card; your cart is kept.",
  security_code:
    "Your bank couldn't verify the card's security code (CVV). Check it or use another card; nothing was charged.",
  processor_error:
    "Your card's processor couldn't handle the payment, so nothing was charged. Try again, or use another card.",
  card_token: "Your card details timed out before the payment went through. Place your order again to send them.",
  refused: "Bolt couldn't accept this payment, so nothing was charged. Check your details and try again.",
};

export function refusalMessage(reason: RefusalReason): string {
  return REFUSALS[reason];
}

export function cartChangedMessage(total: number): string {
  return `Your cart changed in another tab: the total is now ${formatMoney(total)}. Check your order and place it again; nothing was charged.`;
}

export function rateLimitedMessage(retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds <= 1
      ? "a second"
      : retryAfterSeconds < 90
        ? `${retryAfterSeconds} seconds`
        : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many order attempts. Please wait ${wait} and try again; nothing was charged.`;
}

export function outcomeMessage(outcome: Exclude<PaymentOutcome, { kind: "placed" }>): string {
  switch (outcome.kind) {
    case "cart-changed":
      return cartChangedMessage(outcome.cart.total);
    case "empty-cart":
      return MESSAGES.emptyCart;
    case "busy":
      return MESSAGES.busy;
    case "refused":
      return withSupportCode(refusalMessage(outcome.reason), outcome.supportCode);
    case "unconfirmed":
      return MESSAGES.unconfirmed;
  }
}

export function errorState(message: string): CheckoutState {
  return { status: "error", message };
}

/** Anything not listed here is a bug, and rethrown. */
export function failureState(failure: unknown): CheckoutState {
  if (failure instanceof StepUpRequiredError) return { status: "step-up" };
  if (failure instanceof SignedOutError) return errorState(MESSAGES.signedOut);
  if (failure instanceof RateLimitedError) return errorState(rateLimitedMessage(failure.retryAfterSeconds));
  if (failure instanceof RefreshPendingError) return errorState(MESSAGES.unconfirmedSignIn);
  if (failure instanceof KvUnavailableError) return errorState(MESSAGES.kvDown);
  // The ledger is written before Bolt is called: if it failed, nothing was sent.
  if (failure instanceof LedgerError) {
    log.warn("checkout: the ledger failed before anything was sent", errorFields(failure));
    return errorState(MESSAGES.ledgerDown);
  }
  if (failure instanceof StaleChoiceError) return errorState(MESSAGES[failure.reason]);
  if (failure instanceof CardNotSavedError) return errorState(MESSAGES.cardNotSaved);
  // Before any payment was sent: nothing was charged.
  if (failure instanceof BoltError) {
    log.warn("checkout: Bolt failed before any payment was sent", {
      ...errorFields(failure),
      boltTraceId: failure.traceId,
    });
    return errorState(withSupportCode(MESSAGES.boltDown, supportCode(failure)));
  }
  throw failure;
}
