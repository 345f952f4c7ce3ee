import "server-only";
import * as z from "zod";
import {
  authorizeNewCard,
  authorizeSavedCard,
  CARD_NETWORKS,
  type Authorization,
  type AuthorizeInput,
  type NewCardAuthorizeInput,
} from "@/lib/bolt";
import { MAX_CART_LINES } from "@/lib/cart/items";
import type { NewOrderInput } from "@/lib/ledger";
import { PAYMENT_REQUEST_TTL_MS } from "@/lib/ledger/payment-requests";
import { SignedOutError } from "@/lib/session/errors";
import { isSealedAtRest, openAtRest, sealAtRest } from "@/lib/session/at-rest";
import { openHandoff } from "@/lib/session/sealing";

/**
 * Exactly as sent to Bolt: a resend sends it again under the same Idempotency-Key (the order's id), so
 * Bolt answers with the first result (a new card's token is already spent).
 */
export type Attempt = z.infer<typeof AttemptSchema>;

const text = (max = 256) => z.string().max(max);
const Money = z.number().int().nonnegative();

const ShippingAddressSchema = z.object({
  firstName: text(),
  lastName: text(),
  company: text().optional(),
  street1: text(),
  street2: text().optional(),
  locality: text(),
  region: text(),
  regionCode: text().optional(),
  postalCode: text(),
  countryCode: text(2),
  phone: text().optional(),
  email: text().optional(),
});

const CartSchema = z.object({
  orderReference: text(),
  currency: text(3),
  totalAmount: Money,
  taxAmount: Money,
  shippingAmount: Money.optional(),
  items: z
    .array(z.object({ reference: text(), name: text(), unitPrice: Money, quantity: Money, totalAmount: Money }))
    .max(MAX_CART_LINES),
  shippingAddress: ShippingAddressSchema.optional(),
});

const PayerSchema = z.object({ email: text(), phone: text().optional(), firstName: text(), lastName: text() });

const SavedCardPayment = z.object({
  cardId: text(),
  cart: CartSchema,
  user: PayerSchema,
  idempotencyKey: text(),
  autoCapture: z.boolean().optional(),
}) satisfies z.ZodType<AuthorizeInput>;

const NewCardPayment = z.object({
  card: z.object({
    token: text(512),
    bin: text(6).optional(),
    last4: text(4),
    expiration: text(7),
    network: z.enum(CARD_NETWORKS),
    postalCode: text(32).optional(),
  }),
  billingAddress: ShippingAddressSchema.extend({ email: text() }),
  cart: CartSchema,
  user: PayerSchema,
  createAccount: z.boolean(),
  save: z.boolean(),
  idempotencyKey: text(),
  autoCapture: z.boolean().optional(),
}) satisfies z.ZodType<NewCardAuthorizeInput>;

const AttemptSchema = z.object({
  /** A resend carries the shopper's bearer token; a guest's carries none. */
  signedIn: z.boolean(),
  payment: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("saved-card"), input: SavedCardPayment }),
    z.object({ kind: z.literal("new-card"), input: NewCardPayment }),
  ]),
  shipTo: ShippingAddressSchema.extend({ email: text() }),
  card: z.object({ network: text(), last4: text(4) }),
});

/** Longer than the ledger keeps it, so the ledger's expiry is the one that counts. */
const SEAL_TTL_MS = PAYMENT_REQUEST_TTL_MS + 60 * 60_000;

/** Sealed with its own key: the ledger, and whoever reads its database, never sees a card token or an address in it. */
export function sealAttempt(attempt: Attempt): string {
  return sealAtRest("checkout-attempt", AttemptSchema.parse(attempt), SEAL_TTL_MS);
}

/**
 * Undefined for a seal that does not open (tampered, or sealed with a retired password). Requests
 * sealed by an earlier release with iron-session still open, for the day Bolt remembers their key.
 */
export async function openAttempt(sealed: string): Promise<Attempt | undefined> {
  if (isSealedAtRest(sealed)) return openAtRest("checkout-attempt", sealed, AttemptSchema);
  return openHandoff("checkout-attempt", sealed, AttemptSchema);
}

export async function authorizeAttempt(attempt: Attempt, token: string | undefined): Promise<Authorization> {
  const { payment } = attempt;
  if (payment.kind === "new-card") return authorizeNewCard(token, payment.input);
  if (!token) throw new SignedOutError("a saved card is paid signed in");
  return authorizeSavedCard(token, payment.input);
}

export function orderInputOf(
  attempt: Attempt,
  checkout: { checkoutIdHash: string; sub: string | null },
): NewOrderInput {
  const { cart, user } = attempt.payment.input;
  const itemsCents = cart.items.reduce((sum, item) => sum + item.totalAmount, 0);
  const {
    firstName,
    lastName,
    company,
    street1,
    street2,
    locality,
    region,
    regionCode,
    postalCode,
    countryCode,
    phone,
  } = attempt.shipTo;
  return {
    currency: cart.currency,
    itemsCents,
    shippingCents: cart.shippingAmount ?? 0,
    taxCents: cart.taxAmount,
    totalCents: cart.totalAmount,
    lines: cart.items.map((item) => ({
      productId: item.reference,
      name: item.name,
      unitPriceCents: item.unitPrice,
      quantity: item.quantity,
      lineTotalCents: item.totalAmount,
    })),
    shopperSub: checkout.sub,
    email: user.email,
    shipTo: {
      firstName,
      lastName,
      company,
      street1,
      street2,
      locality,
      region,
      regionCode,
      postalCode,
      countryCode,
      phone,
    },
    // Bolt's newer field may name no network; Bolt's answer then does (see learnedFrom).
    card: { network: attempt.card.network === "unknown" ? null : attempt.card.network, last4: attempt.card.last4 },
    checkoutIdHash: checkout.checkoutIdHash,
  };
}
