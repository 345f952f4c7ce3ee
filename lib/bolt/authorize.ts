import "server-only";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { e164, toWireAddress } from "./address-wire";
import { BoltApiError, BoltCardTokenError, BoltDeclinedError, BoltMissingFieldError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import type { AuthorizeCart, Authorization, AuthorizeInput, NewCardAuthorizeInput, Payer } from "./types";

/**
 * Error codes that mean "the card said no" rather than "the request was wrong": declined (2001101),
 * expired card (2001102) and a failed security-code check (2001104), as the emulator documents them.
 * Bolt publishes no list for v1.
 */
const DECLINE_CODES: ReadonlySet<string> = new Set(["2001101", "2001102", "2001104"]);
/** The card token is unknown, spent or expired (the emulator's code; nothing was charged). */
const CARD_TOKEN_CODE = "2001103";

/**
 * An order number or transaction reference: any text (Bolt's spec says 12 characters, its sandbox
 * sends 14). Empty reads as absent, so an empty `order_number` falls back to the reference.
 */
const OrderId = z
  .string()
  .trim()
  .max(256)
  .nullish()
  .transform((value) => value || undefined);

/**
 * Bolt's `i_authorize_result_view`, the parts we read. Bolt's spec requires none of its fields, and
 * Bolt's sandbox answers without `order_number`: the order is then known by its transaction reference.
 */
export const WireAuthorization = z.object({
  did_create_bolt_account: z.boolean().nullish(),
  order_number: OrderId,
  transaction: z
    .object({
      reference: OrderId,
      status: z.string().nullish(),
      risk_review_status: z.string().nullish(),
      authorization: z.object({ status: z.string().nullish(), reason: z.string().nullish() }).nullish(),
      amount: z.object({ amount: z.number().int().nullish() }).nullish(),
      last4: z.string().nullish(),
      from_credit_card: z.object({ last4: z.string().nullish(), network: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

type WireTransaction = NonNullable<z.output<typeof WireAuthorization>["transaction"]>;

/** Transaction statuses that end the payment: the card or Bolt's risk checks said no for good. */
const REFUSED = new Set(["failed", "rejected_irreversible", "cancelled"]);
/** Statuses of a paid transaction that Bolt has finished with. */
const SETTLED = new Set(["authorized", "completed"]);

/**
 * What a 2xx means for the shopper. The card's answer (`authorization.status`) decides, whatever
 * `transaction.status` says: Bolt's sandbox answers `pending` for a succeeded authorization. A paid
 * transaction that Bolt's risk review holds is in review. Without a card answer the transaction
 * status decides, and anything not settled is shown as in review rather than overclaimed.
 */
function outcome(transaction: WireTransaction | null | undefined): Authorization["status"] | "declined" | "error" {
  const card = transaction?.authorization?.status;
  const status = transaction?.status ?? "";
  const held = transaction?.risk_review_status === "needs_review";
  if (card === "declined") return "declined";
  if (card === "error") return "error";
  if (card === "succeeded") return held ? "in_review" : "placed";
  if (REFUSED.has(status)) return "declined";
  return SETTLED.has(status) && !held ? "placed" : "in_review";
}

function cartWire(cart: AuthorizeCart): Record<string, unknown> {
  return {
    order_reference: cart.orderReference,
    display_id: cart.orderReference,
    currency: cart.currency,
    total_amount: cart.totalAmount,
    tax_amount: cart.taxAmount,
    items: cart.items.map((item) => ({
      reference: item.reference,
      name: item.name,
      unit_price: item.unitPrice,
      quantity: item.quantity,
      total_amount: item.totalAmount,
    })),
    shipments: cart.shippingAmount === undefined ? undefined : [{ cost: cart.shippingAmount }],
  };
}

/** What both of Bolt's authorization bodies carry besides the card. */
function commonWire(cart: AuthorizeCart, user: Payer, divisionId: string): Record<string, unknown> {
  return {
    cart: cartWire(cart),
    division_id: divisionId,
    source: "direct_payments",
    user_identifier: { email: user.email, phone: e164(user.phone) },
    user_identity: { first_name: user.firstName, last_name: user.lastName },
    shipping_address:
      cart.shippingAddress &&
      toWireAddress({ ...cart.shippingAddress, email: cart.shippingAddress.email ?? user.email }),
  };
}

/**
 * Sends one authorization and reads Bolt's answer. Never retried here: the caller's `idempotencyKey`
 * lets Bolt answer a deliberate retry of the same attempt with the original result instead of
 * charging twice. A refusal is a {@link BoltDeclinedError}, whether Bolt answers it with a 422 or with
 * a 2xx whose card answer is `declined`; a spent or expired card token is a {@link BoltCardTokenError}.
 */
async function authorize(
  operation: string,
  accessToken: string | undefined,
  json: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Authorization> {
  let body: unknown;
  try {
    body = await callBolt({
      operation,
      method: "POST",
      path: "/v1/merchant/transactions/authorize",
      accessToken,
      json,
      idempotencyKey,
      errors: "api",
    });
  } catch (error) {
    const code = error instanceof BoltApiError ? String(error.boltCode) : undefined;
    if (error instanceof BoltApiError && code && DECLINE_CODES.has(code)) {
      throw new BoltDeclinedError(error.message, error.status, error.boltCode, error.detail);
    }
    if (error instanceof BoltApiError && code === CARD_TOKEN_CODE) {
      throw new BoltCardTokenError(error.message, error.status, error.boltCode, error.detail);
    }
    throw error;
  }
  const wire = parseBoltBody(WireAuthorization, body, operation);
  const { transaction } = wire;
  const orderId = wire.order_number ?? transaction?.reference;
  if (!orderId) throw new BoltMissingFieldError(operation, "order_number or transaction.reference");
  const status = outcome(transaction);
  const reason = transaction?.authorization?.reason ?? transaction?.status ?? undefined;
  if (status === "declined") throw new BoltDeclinedError(`${operation}: Bolt declined the payment`, 200, reason);
  if (status === "error")
    throw new BoltApiError(`${operation}: the card processor answered with an error`, 200, reason);
  const card = transaction?.from_credit_card;
  return {
    orderId,
    status,
    transactionReference: transaction?.reference,
    amount: transaction?.amount?.amount ?? undefined,
    last4: card?.last4 ?? transaction?.last4 ?? undefined,
    network: card?.network ?? undefined,
    accountCreated: wire.did_create_bolt_account === true,
  };
}

/** Pays with a saved card of the signed-in shopper (`merchant_credit_card_authorization_recharge`). */
export async function authorizeSavedCard(accessToken: string, input: AuthorizeInput): Promise<Authorization> {
  const json = { ...commonWire(input.cart, input.user, getEnv().divisionId), credit_card_id: input.cardId };
  return authorize("authorizeSavedCard", accessToken, json, input.idempotencyKey);
}

/**
 * Pays with a card Bolt's payment field just tokenized (`merchant_credit_card_authorization`): as a
 * guest without `accessToken` (the API key alone), or as the signed-in shopper with it. A guest may
 * ask Bolt to make them an account from this order.
 */
export async function authorizeNewCard(
  accessToken: string | undefined,
  input: NewCardAuthorizeInput,
): Promise<Authorization> {
  const { card } = input;
  const json = {
    ...commonWire(input.cart, input.user, getEnv().divisionId),
    credit_card: {
      token: card.token,
      last4: card.last4,
      bin: card.bin,
      expiration: card.expiration,
      postal_code: card.postalCode,
      token_type: "bolt",
      billing_address: toWireAddress(input.billingAddress),
      ...(accessToken ? { save: input.save } : {}),
    },
    create_bolt_account: !accessToken && input.createAccount,
  };
  return authorize("authorizeNewCard", accessToken, json, input.idempotencyKey);
}
