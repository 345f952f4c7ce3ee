import { addressView } from "../account/views";
import type { Profile } from "../config";
import { answersOf } from "../profile";
import { refundedAmount, type Payment, type PaymentCard, type Refund } from "../store/transactions";

// Bolt's `transaction_view`, and the fuller transaction details `GET /v1/merchant/transactions/{REFERENCE}`
// answers, built from one payment record: every answer and webhook about a payment says the same.

const PROCESSOR = "vantiv";
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

type View = Record<string, unknown>;

function amountView(amount: number, currency: string): View {
  return { amount, currency, currency_symbol: CURRENCY_SYMBOLS[currency] ?? currency };
}

function cardView(card: PaymentCard): View {
  return {
    id: card.id,
    last4: card.last4,
    bin: card.bin,
    network: card.network,
    display_network: DISPLAY_NETWORKS[card.network] ?? "Credit Card",
    expiration: Date.UTC(card.expYear, card.expMonth, 0),
    status: "active",
    token_type: "bolt",
    ...(card.billingAddress ? { billing_address: addressView(card.billingAddress) } : {}),
  };
}

/** The merchant's order, as the details name it (`order.cart.order_reference`). */
function orderView(payment: Payment): View {
  const { orderReference, amount, currency } = payment;
  return {
    cart: {
      order_reference: orderReference,
      display_id: orderReference,
      currency: { currency, currency_symbol: CURRENCY_SYMBOLS[currency] ?? currency },
      total_amount: amountView(amount, currency),
    },
  };
}

/** What every view of a refund says, including its place in the payment's `refund_transactions`. */
function refundCore(payment: Payment, refund: Refund): View {
  return {
    id: refund.id,
    reference: refund.reference,
    type: "cc_credit",
    status: "completed",
    processor: PROCESSOR,
    date: refund.at,
    amount: amountView(refund.amount, payment.currency),
    credit: { status: "succeeded" },
    to_credit_card: cardView(payment.card),
    merchant_order_number: payment.orderReference,
    order_reference: payment.orderReference,
  };
}

/**
 * The payment as it is now. `details` adds what only the transaction details carry (the order, the
 * refunds, the void cause): `GET`, review answers and webhooks have them; the answers of authorize,
 * capture and void are the plain `transaction_view`, as Bolt's sandbox was recorded giving.
 */
export function paymentView(payment: Payment, profile: Profile, details = true): View {
  const { currency } = payment;
  const captures = payment.captures.map((capture) => ({
    id: capture.id,
    status: "succeeded",
    amount: amountView(capture.amount, currency),
  }));
  const declined = payment.status === "failed";
  return {
    id: payment.id,
    reference: payment.reference,
    type: "cc_payment",
    status: payment.status,
    ...(payment.review ? { risk_review_status: payment.review } : {}),
    processor: PROCESSOR,
    date: payment.createdAt,
    amount: amountView(payment.amount, currency),
    last4: payment.card.last4,
    merchant_order_number: payment.orderReference,
    order_reference: payment.orderReference,
    from_credit_card: cardView(payment.card),
    authorization: {
      status: declined ? "declined" : "succeeded",
      reason: payment.declineReason ?? "none",
      processor: PROCESSOR,
    },
    // The sandbox was recorded answering `captures: null` before any capture.
    captures: captures.length ? captures : answersOf(profile).noCaptures,
    ...(captures.length ? { capture: captures.at(-1) } : {}),
    ...(payment.voidCause ? { void: { status: "succeeded", cause: payment.voidCause } } : {}),
    ...(details
      ? {
          order: orderView(payment),
          refunded_amount: amountView(refundedAmount(payment), currency),
          refund_transaction_ids: payment.refunds.map((refund) => refund.id),
          refund_transactions: payment.refunds.map((refund) => refundCore(payment, refund)),
          ...(payment.voidCause ? { void_cause: payment.voidCause } : {}),
        }
      : {}),
  };
}

/**
 * A refund as the credit endpoint answers it and its `GET` shows it: a `cc_credit` transaction of its
 * own, with the amount asked for and the payment it refunded (`source_transaction`), as recorded from
 * Bolt's sandbox and read by Bolt's integrations.
 */
export function refundView(payment: Payment, refund: Refund, profile: Profile): View {
  return {
    ...refundCore(payment, refund),
    captures: answersOf(profile).noCaptures,
    order: orderView(payment),
    requested_refund_amount: amountView(refund.amount, payment.currency),
    source_transaction: paymentView(payment, profile, false),
  };
}
