import { addressView } from "../account/views";
import { ErrorCodes, invalidInput } from "../http/errors";
import { objectId, orderNumber } from "../ids";
import { answersOf } from "../profile";
import type { Emulator } from "../state";
import type { StoredReply } from "../store/orders";
import type { SavedCard } from "../store/shoppers";
import type { Cart } from "./authorize-input";

/** A total of exactly $666.00 is declined whatever the card, so any shopper can rehearse a decline. */
export const DECLINED_TOTAL = 66600;
/** A total of exactly $777.00 is paid but held for Bolt's risk review, so any shopper can see an order in review. */
export const REVIEW_TOTAL = 77700;

/** The card a payment is made with: a saved one, or one the payment field just tokenized. */
export type PaymentCard = Pick<
  SavedCard,
  "id" | "network" | "last4" | "bin" | "expMonth" | "expYear" | "alwaysDeclines" | "heldForReview" | "failsCvvCheck"
> & { billingAddress?: SavedCard["billingAddress"] };

const CURRENCY_SYMBOLS: Record<string, string> = { USD: "$", CAD: "$", AUD: "$", EUR: "€", GBP: "£" };
const DISPLAY_NETWORKS: Record<string, string> = {
  visa: "Visa",
  mastercard: "MasterCard",
  amex: "American Express",
  discover: "Discover",
  jcb: "JCB",
  dinersclub: "Diners Club",
  unionpay: "Union Pay",
};

function decline(code: number, message: string): StoredReply {
  return { status: 422, body: { result: { success: false }, errors: [{ code, message }] } };
}

/** The card's answer before any money moves: a refusal, or undefined when the payment may go through. */
export function refusal(card: PaymentCard, cart: Cart, expired: boolean): StoredReply | undefined {
  if (expired) return decline(ErrorCodes.cardExpired, "The card has expired.");
  if (card.alwaysDeclines || cart.total_amount === DECLINED_TOTAL) {
    return decline(ErrorCodes.declined, "The payment was declined by the card issuer.");
  }
  if (card.failsCvvCheck) {
    return decline(ErrorCodes.cvvCheckFailed, "The card's security code (CVV) failed the processor's check.");
  }
  return undefined;
}

function transactionView(cart: Cart, card: PaymentCard, now: number, emulator: Emulator): Record<string, unknown> {
  const { total_amount: amount, currency, order_reference } = cart;
  const answers = answersOf(emulator.settings.profile);
  const held = card.heldForReview || amount === REVIEW_TOTAL;
  return {
    id: objectId(),
    reference: answers.reference(),
    type: "cc_payment",
    status: held ? "pending" : answers.authorizedStatus,
    ...(held ? { risk_review_status: "needs_review" } : {}),
    processor: "vantiv",
    date: now,
    amount: { amount, currency, currency_symbol: CURRENCY_SYMBOLS[currency] ?? currency },
    last4: card.last4,
    merchant_order_number: order_reference,
    from_credit_card: {
      id: card.id,
      last4: card.last4,
      bin: card.bin,
      network: card.network,
      display_network: DISPLAY_NETWORKS[card.network] ?? "Credit Card",
      expiration: Date.UTC(card.expYear, card.expMonth, 0),
      status: "active",
      token_type: "bolt",
      ...(card.billingAddress ? { billing_address: addressView(card.billingAddress) } : {}),
    },
    authorization: { status: "succeeded", reason: "none", processor: "vantiv" },
  };
}

/**
 * Records a paid order for `payer` (the shopper's or the guest's email) and answers it as
 * `i_authorize_result_view`. An `order_reference` that was already paid is refused.
 */
export function placeOrder(
  cart: Cart,
  card: PaymentCard,
  payer: string,
  emulator: Emulator,
  didCreateAccount = false,
): StoredReply {
  const { orders } = emulator.state;
  if (orders.hasReference(cart.order_reference)) {
    throw invalidInput(`cart.order_reference: ${cart.order_reference} has already been paid`);
  }
  const now = Date.now();
  const transaction = transactionView(cart, card, now, emulator);
  const order = answersOf(emulator.settings.profile).orderNumber ? orderNumber() : undefined;
  // A later GET of the transaction finds a settled payment `authorized`; a held one stays in review.
  const later = transaction.risk_review_status ? transaction : { ...transaction, status: "authorized" };
  orders.add(
    {
      orderNumber: order,
      orderReference: cart.order_reference,
      shopper: payer,
      amount: cart.total_amount,
      currency: cart.currency,
      creditCardId: card.id,
      transactionId: String(transaction.id),
      transactionReference: String(transaction.reference),
      createdAt: new Date(now).toISOString(),
    },
    later,
  );
  return {
    status: 200,
    body: { did_create_bolt_account: didCreateAccount, ...(order ? { order_number: order } : {}), transaction },
  };
}
