import "server-only";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { toWireAddress } from "./address-wire";
import { BoltApiError, BoltDeclinedError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import type { Authorization, AuthorizeInput } from "./types";

/**
 * Error codes that mean "the card said no" rather than "the request was wrong": declined (2001101)
 * and expired card (2001102), as the emulator documents them. Bolt publishes no list for v1.
 */
const DECLINE_CODES: ReadonlySet<string | number> = new Set([2001101, 2001102]);

/** Bolt's `i_authorize_result_view`, only the parts we show. */
const WireAuthorization = z.object({
  order_number: z.string().min(1),
  transaction: z.object({
    reference: z.string().min(1),
    status: z.string().min(1),
    amount: z.object({ amount: z.number().int() }),
    last4: z.string().nullish(),
    from_credit_card: z.object({ last4: z.string().nullish(), network: z.string().nullish() }).nullish(),
  }),
});

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
 * attempt with the original result instead of charging twice. A refusal is a {@link BoltDeclinedError}.
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
  const wire = parseBoltBody(WireAuthorization, body, "authorizeSavedCard");
  const card = wire.transaction.from_credit_card;
  return {
    orderNumber: wire.order_number,
    transactionReference: wire.transaction.reference,
    status: wire.transaction.status,
    amount: wire.transaction.amount.amount,
    last4: card?.last4 ?? wire.transaction.last4 ?? undefined,
    network: card?.network ?? undefined,
  };
}
