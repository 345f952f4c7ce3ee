import * as z from "zod";
import { AddressInput, Phone } from "../account/schemas";
import { addressView, isExpired } from "../account/views";
import { authenticateShopper, READ_SCOPES, requireApiKey } from "../http/credentials";
import { BoltApiError, ErrorCodes, invalidInput, notFound } from "../http/errors";
import { headerValue, json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody, parseWith } from "../http/validate";
import { objectId, orderNumber, sha256Hex } from "../ids";
import { answersOf } from "../profile";
import type { Emulator } from "../state";
import type { StoredReply } from "../store/orders";
import type { SavedCard, Shopper } from "../store/shoppers";

/** A total of exactly $666.00 is declined whatever the card, so any shopper can rehearse a decline. */
export const DECLINED_TOTAL = 66600;
/** A total of exactly $777.00 is paid but held for Bolt's risk review, so any shopper can see an order in review. */
export const REVIEW_TOTAL = 77700;

const Minor = z.int().min(0, { error: "must be a non-negative integer amount in minor units" });

const Cart = z.looseObject({
  order_reference: z.string().trim().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: "must be an ISO 4217 code such as USD" }),
  total_amount: Minor,
  tax_amount: Minor.optional(),
  items: z
    .array(
      z.looseObject({
        reference: z.string().min(1),
        name: z.string().min(1),
        total_amount: Minor,
        unit_price: Minor,
        quantity: z.int().min(1).max(15000),
        tax_amount: Minor.nullable().optional(),
      }),
    )
    .optional(),
  discounts: z.array(z.looseObject({ amount: Minor.optional() })).optional(),
  shipments: z.array(z.looseObject({ cost: Minor.optional(), tax_amount: Minor.optional() })).optional(),
});

/** Bolt's `merchant_credit_card_authorization_recharge`: pay with a saved card of the signed-in shopper. */
const RechargeInput = z.strictObject({
  cart: Cart,
  credit_card_id: z.string().min(1),
  // Required by the spec; Bolt's sandbox took it empty or absent (checked per profile below).
  division_id: z.string().optional(),
  source: z.literal("direct_payments"),
  user_identifier: z.looseObject({ email: z.email().optional(), phone: Phone }),
  user_identity: z.looseObject({ first_name: z.string().optional(), last_name: z.string().optional() }),
  auto_capture: z.boolean().optional(),
  shipping_address: AddressInput.optional(),
  merchant_event_id: z.string().optional(),
  previous_transaction_id: z.string().optional(),
  processing_initiator: z.string().optional(),
});
type RechargeInput = z.output<typeof RechargeInput>;

const IdempotencyKey = z.string().trim().min(1).max(255).optional();

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

/** Key order must not matter when comparing a retried body with the original. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function decline(code: number, message: string): StoredReply {
  return { status: 422, body: { result: { success: false }, errors: [{ code, message }] } };
}

function transactionView(
  input: RechargeInput,
  card: SavedCard,
  now: number,
  emulator: Emulator,
): Record<string, unknown> {
  const { total_amount: amount, currency, order_reference } = input.cart;
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
      billing_address: addressView(card.billingAddress),
    },
    authorization: { status: "succeeded", reason: "none", processor: "vantiv" },
  };
}

/** The business outcome of an authorization: a decline, or an order placed and its result. */
function authorize(input: RechargeInput, shopper: Shopper, emulator: Emulator): StoredReply {
  const card = shopper.cards.find((candidate) => candidate.id === input.credit_card_id);
  if (!card) throw invalidInput(`credit_card_id: no saved card ${input.credit_card_id} for this shopper`);
  if (isExpired(card)) return decline(ErrorCodes.cardExpired, "The card has expired.");
  if (card.alwaysDeclines || input.cart.total_amount === DECLINED_TOTAL) {
    return decline(ErrorCodes.declined, "The payment was declined by the card issuer.");
  }
  const { orders } = emulator.state;
  if (orders.hasReference(input.cart.order_reference)) {
    throw invalidInput(`cart.order_reference: ${input.cart.order_reference} has already been paid`);
  }
  const now = Date.now();
  const transaction = transactionView(input, card, now, emulator);
  const order = answersOf(emulator.settings.profile).orderNumber ? orderNumber() : undefined;
  // A later GET of the transaction finds a settled payment `authorized`; a held one stays in review.
  const later = transaction.risk_review_status ? transaction : { ...transaction, status: "authorized" };
  orders.add(
    {
      orderNumber: order,
      orderReference: input.cart.order_reference,
      shopper: shopper.email,
      amount: input.cart.total_amount,
      currency: input.cart.currency,
      creditCardId: card.id,
      transactionId: String(transaction.id),
      transactionReference: String(transaction.reference),
      createdAt: new Date(now).toISOString(),
    },
    later,
  );
  const body = { did_create_bolt_account: false, ...(order ? { order_number: order } : {}), transaction };
  return { status: 200, body };
}

/** A view-only token may pay: paying is not editing the account. */
function authorizeHandler(request: ApiRequest, emulator: Emulator): Reply {
  const { shopper } = authenticateShopper(request, emulator, READ_SCOPES);
  const input = parseJsonBody(RechargeInput, request.body);
  const divisionGiven = Boolean(input.division_id);
  if (answersOf(emulator.settings.profile).divisionRequired && !divisionGiven) {
    throw invalidInput("division_id: required");
  }
  if (divisionGiven && input.division_id !== emulator.settings.divisionId)
    throw invalidInput("division_id: unknown division for this API key");
  const key = parseWith(IdempotencyKey, headerValue(request.headers, "idempotency-key"));
  if (!key) {
    const reply = authorize(input, shopper, emulator);
    return json(reply.status, reply.body);
  }
  const { orders } = emulator.state;
  const client = emulator.settings.apiKey;
  const fingerprint = sha256Hex(canonicalJson(JSON.parse(request.body.toString("utf8"))));
  const earlier = orders.recall(client, key);
  if (earlier && earlier.fingerprint !== fingerprint) {
    throw new BoltApiError(
      422,
      ErrorCodes.idempotencyMismatch,
      "Idempotency-Key was already used with a different request body.",
    );
  }
  if (earlier) return json(earlier.reply.status, earlier.reply.body, { "Idempotent-Replayed": "true" });
  const reply = authorize(input, shopper, emulator);
  orders.remember(client, key, fingerprint, reply);
  return json(reply.status, reply.body);
}

/** `GET /v1/merchant/transactions/{REFERENCE}`: the merchant's view of a transaction (API key only). */
function transactionDetails(request: ApiRequest, emulator: Emulator): Reply {
  requireApiKey(request, emulator);
  const reference = request.params.reference ?? "";
  const order = emulator.state.orders.byReference(reference);
  if (!order) throw notFound(`No transaction with reference ${reference}.`);
  request.concern.shopper = order.shopper;
  return json(200, emulator.state.orders.details(reference));
}

export const authorizeRoutes: Route[] = [
  { method: "POST", pattern: "/v1/merchant/transactions/authorize", kind: "api", handler: authorizeHandler },
  { method: "GET", pattern: "/v1/merchant/transactions/:reference", kind: "api", handler: transactionDetails },
];
