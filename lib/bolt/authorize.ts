import "server-only";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { e164, toWireAddress } from "./address-wire";
import {
  BoltApiError,
  BoltCardTokenError,
  BoltDeclinedError,
  BoltMissingFieldError,
  BoltProcessorError,
} from "./errors";
import { callBolt, parseBoltBody } from "./http";
import type { AuthorizeCart, Authorization, AuthorizeInput, NewCardAuthorizeInput, Payer } from "./types";

/** Declined, expired card, failed security code: the card said no (the emulator's codes; Bolt lists none for v1). */
const DECLINE_CODES: ReadonlySet<string> = new Set(["2001101", "2001102", "2001104"]);
/** The card token is unknown, spent or expired; nothing was charged. */
const CARD_TOKEN_CODE = "2001103";

/** Bolt's spec says 12 characters, its sandbox sends 14; empty reads as absent. */
const OrderId = z
  .string()
  .trim()
  .max(256)
  .nullish()
  .transform((value) => value || undefined);

/** Bolt's spec requires none of these; its sandbox omits `order_number`, so the reference stands in. */
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

export const REFUSED = new Set(["failed", "rejected_irreversible", "cancelled"]);
export const SETTLED = new Set(["authorized", "completed"]);

/**
 * The card's answer decides, whatever `transaction.status` says (Bolt's sandbox answers `pending` for a
 * succeeded authorization). Without one, anything not settled shows as in review rather than overclaimed.
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

function commonWire(
  cart: AuthorizeCart,
  user: Payer,
  divisionId: string,
  autoCapture: boolean | undefined,
): Record<string, unknown> {
  return {
    cart: cartWire(cart),
    auto_capture: autoCapture,
    division_id: divisionId,
    source: "direct_payments",
    user_identifier: { email: user.email, phone: e164(user.phone) },
    user_identity: { first_name: user.firstName, last_name: user.lastName },
    shipping_address:
      cart.shippingAddress &&
      toWireAddress({ ...cart.shippingAddress, email: cart.shippingAddress.email ?? user.email }),
  };
}

/** Never retried here: the caller's Idempotency-Key makes a deliberate resend safe. A 2xx can still be a decline. */
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
      budget: "payment",
    });
  } catch (error) {
    const code = error instanceof BoltApiError ? String(error.boltCode) : undefined;
    if (error instanceof BoltApiError && code && DECLINE_CODES.has(code)) {
      throw Object.assign(new BoltDeclinedError(error.message, error.status, error.boltCode, error.detail), {
        traceId: error.traceId,
      });
    }
    if (error instanceof BoltApiError && code === CARD_TOKEN_CODE) {
      throw Object.assign(new BoltCardTokenError(error.message, error.status, error.boltCode, error.detail), {
        traceId: error.traceId,
      });
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
    throw new BoltProcessorError(`${operation}: the card processor answered with an error`, 200, reason);
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

/** `merchant_credit_card_authorization_recharge` */
export async function authorizeSavedCard(accessToken: string, input: AuthorizeInput): Promise<Authorization> {
  const json = {
    ...commonWire(input.cart, input.user, getEnv().divisionId, input.autoCapture),
    credit_card_id: input.cardId,
  };
  return authorize("authorizeSavedCard", accessToken, json, input.idempotencyKey);
}

/** `merchant_credit_card_authorization`: a guest pays with the API key alone, a shopper with their token too. */
export async function authorizeNewCard(
  accessToken: string | undefined,
  input: NewCardAuthorizeInput,
): Promise<Authorization> {
  const { card } = input;
  const json = {
    ...commonWire(input.cart, input.user, getEnv().divisionId, input.autoCapture),
    credit_card: {
      token: card.token,
      last4: card.last4,
      bin: card.bin,
      expiration: card.expiration,
      // As Bolt's Salesforce cartridge does when the field asked for no ZIP: the billing address's.
      postal_code: card.postalCode ?? input.billingAddress.postalCode,
      token_type: "bolt",
      billing_address: toWireAddress(input.billingAddress),
      ...(accessToken ? { save: input.save } : {}),
    },
    create_bolt_account: !accessToken && input.createAccount,
  };
  return authorize("authorizeNewCard", accessToken, json, input.idempotencyKey);
}
