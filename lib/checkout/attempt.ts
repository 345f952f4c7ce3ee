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
 * One payment as sent to Bolt, kept until Bolt's answer is known: a retry sends exactly this again with
 * the same Idempotency-Key, so Bolt answers with the first result (a new card's token is already spent).
 */
export type Attempt = z.infer<typeof AttemptSchema>;

/** As long as Bolt remembers an Idempotency-Key. */
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
  /** A placed attempt empties only the cart it paid for. */
  fingerprint: text(64),
});

/** In kv so any instance can resend it, sealed (a card token, an address), with a lock: one payment at a time. */
export type CheckoutAttempts = {
  lock(ms: number): Promise<boolean>;
  unlock(): Promise<void>;
  load(): Promise<Attempt | undefined>;
  save(attempt: Attempt): Promise<void>;
  drop(): Promise<void>;
};

/** Only the checkout id's hash names kv keys. */
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

/** `__Host-` over https, so a sibling subdomain can't plant another checkout's id. */
export function checkoutCookieName(env: Env): string {
  return cookieName(env, "checkout_id");
}

const MAX_AGE_SECONDS = 24 * 60 * 60;

export function checkoutCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: MAX_AGE_SECONDS } as const;
}

export function newCheckoutId(): string {
  return randomBytes(18).toString("base64url");
}

export function isCheckoutId(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{24}$/.test(value);
}

/** While kv is out of reach the page renders without it: placing the order still checks. */
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

export function authorizeAttempt(attempt: Attempt, token: string | undefined): Promise<Authorization> {
  const { payment } = attempt;
  if (payment.kind === "new-card") return authorizeNewCard(token, payment.input);
  if (!token) throw new SignedOutError("a saved card is paid signed in");
  return authorizeSavedCard(token, payment.input);
}
