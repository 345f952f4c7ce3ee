import "server-only";
import { createHash } from "node:crypto";
import * as z from "zod";
import { CARD_NETWORKS, type AuthorizeInput, type NewCardAuthorizeInput } from "@/lib/bolt";
import { openHandoff, sealHandoff } from "@/lib/session/sealed-handoff";
import { getKv, KvUnavailableError } from "@/lib/kv";

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
