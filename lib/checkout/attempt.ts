import "server-only";
import { createHash, randomBytes } from "node:crypto";
import * as z from "zod";
import {
  authorizeNewCard,
  authorizeSavedCard,
  CARD_NETWORKS,
  type Authorization,
  type AuthorizeInput,
  type NewCardAuthorizeInput,
} from "@/lib/bolt";
import type { Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { getKv, KvUnavailableError } from "@/lib/kv";
import { SignedOutError } from "@/lib/session/errors";
import { openHandoff, sealHandoff } from "@/lib/session/sealing";

/**
 * One payment as it was sent to Bolt, kept until Bolt's answer is known. A retry after a timeout, or
 * after a reload, sends exactly this again with the same Idempotency-Key, so Bolt answers with the
 * first result instead of charging twice (a new card's token was spent by the first send).
 */
export type Attempt = z.infer<typeof AttemptSchema>;

/** As long as Bolt remembers an Idempotency-Key (24 hours), a kept attempt can still learn its fate. */
export const ATTEMPT_TTL_MS = 24 * 60 * 60 * 1000;

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
    .max(100),
  shippingAddress: ShippingAddressSchema.optional(),
});

const PayerSchema = z.object({ email: text(), phone: text().optional(), firstName: text(), lastName: text() });

const SavedCardPayment = z.object({
  cardId: text(),
  cart: CartSchema,
  user: PayerSchema,
  idempotencyKey: text(),
}) satisfies z.ZodType<AuthorizeInput>;

const NewCardPayment = z.object({
  card: z.object({
    token: text(512),
    bin: text(6),
    last4: text(4),
    expiration: text(7),
    network: z.enum(CARD_NETWORKS),
    postalCode: text(32),
  }),
  billingAddress: ShippingAddressSchema.extend({ email: text() }),
  cart: CartSchema,
  user: PayerSchema,
  createAccount: z.boolean(),
  save: z.boolean(),
  idempotencyKey: text(),
}) satisfies z.ZodType<NewCardAuthorizeInput>;

const AttemptSchema = z.object({
  /** Made by a signed-in shopper: a resend carries their bearer token (a guest's carries none). */
  signedIn: z.boolean(),
  payment: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("saved-card"), input: SavedCardPayment }),
    z.object({ kind: z.literal("new-card"), input: NewCardPayment }),
  ]),
  /** Where the order goes, as the receipt shows it. */
  shipTo: ShippingAddressSchema.extend({ email: text() }),
  /** The card as the receipt names it. */
  card: z.object({ network: text(), last4: text(4) }),
  /** The fingerprint of the cart it pays for: a placed attempt empties only that cart. */
  fingerprint: text(64),
});

/**
 * The kept attempt of one checkout (one browser), in the shared store so any instance can resend it,
 * sealed with a key of its own purpose (it holds a card token and an address), and a lock so that one
 * payment at a time is sent for that checkout: a double submit never pays twice either.
 */
export type CheckoutAttempts = {
  /** True when this request now holds the checkout's lock (for at most `ms`); false when another one is paying. */
  lock(ms: number): Promise<boolean>;
  unlock(): Promise<void>;
  load(): Promise<Attempt | undefined>;
  save(attempt: Attempt): Promise<void>;
  drop(): Promise<void>;
};

/** `checkoutId` is the browser's checkout cookie; only its hash names store keys. */
export function checkoutAttempts(checkoutId: string): CheckoutAttempts {
  const id = createHash("sha256").update(checkoutId).digest("base64url").slice(0, 32);
  const attemptKey = `checkout:attempt:${id}`;
  const lockKey = `checkout:lock:${id}`;
  const kv = getKv();
  return {
    lock: (ms) => kv.setIfAbsent(lockKey, "1", ms),
    unlock: () => kv.delete(lockKey),
    async load() {
      const seal = await kv.get(attemptKey);
      return seal === undefined ? undefined : openHandoff("checkout-attempt", seal, AttemptSchema);
    },
    async save(attempt) {
      const seal = await sealHandoff("checkout-attempt", attempt, ATTEMPT_TTL_MS);
      await kv.delete(attemptKey);
      if (!(await kv.setIfAbsent(attemptKey, seal, ATTEMPT_TTL_MS))) {
        throw new KvUnavailableError("another payment attempt was kept for this checkout meanwhile");
      }
    },
    drop: () => kv.delete(attemptKey),
  };
}

/**
 * One id per browser's checkout, in an HttpOnly cookie set when /checkout is first loaded (the
 * proxy): the payment attempts of that checkout are kept under it, so a retry after a timeout or a
 * reload finds the attempt that was already sent. `__Host-checkout_id` over https, like the session
 * cookie, so a sibling subdomain can't plant another checkout's id; `checkout_id` on plain http.
 */
export function checkoutCookieName(env: Env): string {
  return cookieName(env, "checkout_id");
}

/** A day, like the attempts kept under it (and Bolt's memory of an Idempotency-Key). */
const MAX_AGE_SECONDS = 24 * 60 * 60;

export function checkoutCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: MAX_AGE_SECONDS } as const;
}

export function newCheckoutId(): string {
  return randomBytes(18).toString("base64url");
}

/** An id this app made: anything else in the cookie is ignored and replaced. */
export function isCheckoutId(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{24}$/.test(value);
}

/**
 * What this checkout sent that Bolt never answered, for the page to say so. While kv is out of
 * reach the page renders without it: placing the order still checks.
 */
export async function pendingPayment(checkoutId: string | undefined): Promise<{ total: number } | undefined> {
  if (!isCheckoutId(checkoutId)) return undefined;
  try {
    const attempt = await checkoutAttempts(checkoutId).load();
    return attempt && { total: attempt.payment.input.cart.totalAmount };
  } catch (error) {
    if (error instanceof KvUnavailableError) return undefined;
    throw error;
  }
}

/** Sends a kept attempt to Bolt as it is. A saved card is paid signed in; a new card with or without a bearer. */
export function authorizeAttempt(attempt: Attempt, token: string | undefined): Promise<Authorization> {
  const { payment } = attempt;
  if (payment.kind === "new-card") return authorizeNewCard(token, payment.input);
  if (!token) throw new SignedOutError("a saved card is paid signed in");
  return authorizeSavedCard(token, payment.input);
}
