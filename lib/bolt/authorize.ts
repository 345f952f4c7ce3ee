import "server-only";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { toWireAddress } from "./address-wire";
import { BoltApiError, BoltDeclinedError, BoltMissingFieldError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import type { Authorization, AuthorizeInput } from "./types";

/**
 * Error codes that mean "the card said no" rather than "the request was wrong": declined (2001101)
 * and expired card (2001102), as the emulator documents them. Bolt publishes no list for v1.
 */
const DECLINE_CODES: ReadonlySet<string | number> = new Set([2001101, 2001102]);

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

function wireBody({ cardId, cart, user }: AuthorizeInput, divisionId: string): Record<string, unknown> {
  return {
    cart: {
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
    },
    credit_card_id: cardId,
    division_id: divisionId,
    source: "direct_payments",
    user_identifier: { email: user.email, phone: user.phone?.replace(/[\s().-]/g, "") || undefined },
    user_identity: { first_name: user.firstName, last_name: user.lastName },
    shipping_address:
      cart.shippingAddress &&
      toWireAddress({ ...cart.shippingAddress, email: cart.shippingAddress.email ?? user.email }),
  };
}

/**
 * Pays with a saved card of the signed-in shopper (`merchant_credit_card_authorization_recharge`).
 * Never retried here: the caller's `idempotencyKey` lets Bolt answer a deliberate retry of the same
 * attempt with the original result instead of charging twice. A refusal is a {@link BoltDeclinedError},
 * whether Bolt answers it with a 422 or with a 2xx whose card answer is `declined`.
 */
export async function authorizeSavedCard(accessToken: string, input: AuthorizeInput): Promise<Authorization> {
  let body: unknown;
  try {
    body = await callBolt({
      operation: "authorizeSavedCard",
      method: "POST",
      path: "/v1/merchant/transactions/authorize",
      accessToken,
      json: wireBody(input, getEnv().divisionId),
      idempotencyKey: input.idempotencyKey,
      errors: "api",
    });
  } catch (error) {
    if (error instanceof BoltApiError && error.boltCode !== undefined && DECLINE_CODES.has(error.boltCode)) {
      throw new BoltDeclinedError(error.message, error.status, error.boltCode, error.detail);
    }
    throw error;
  }
  const operation = "authorizeSavedCard";
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
  };
}
