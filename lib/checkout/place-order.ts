import { createHash } from "node:crypto";
import {
  BoltCardTokenError,
  BoltDeclinedError,
  BoltError,
  BoltResponseError,
  BoltTimeoutError,
  BoltUnavailableError,
  type Authorization,
  type DeclineReason,
} from "@/lib/bolt";
import type { Cart } from "@/lib/cart";
import { formatMoney } from "@/lib/money";
import type { Attempt, CheckoutAttempts } from "./attempt";

/**
 * A short digest of what the shopper was shown: every line (product, quantity, price) and every
 * amount. The checkout page sends it with the order; if the cart changed since (another tab), the
 * fingerprints differ and nothing is charged.
 */
export function cartFingerprint(cart: Cart): string {
  const shown = [
    cart.currency,
    cart.lines.map((line) => [line.product.id, line.quantity, line.product.price, line.lineTotal]),
    cart.subtotal,
    cart.shipping,
    cart.tax,
    cart.total,
  ];
  return createHash("sha256").update(JSON.stringify(shown)).digest("base64url").slice(0, 32);
}

/** What the checkout page shows and sends back with the order: the total, and the cart's fingerprint. */
export type ShownCart = { total: number; totalLabel: string; fingerprint: string };

export function shownCart(cart: Cart): ShownCart {
  return { total: cart.total, totalLabel: formatMoney(cart.total), fingerprint: cartFingerprint(cart) };
}

/** What the checkout page showed when the shopper clicked: the total and the cart's fingerprint. */
export type Shown = { total: number; fingerprint: string };

/** Why Bolt said no for good: the card's answer, a spent or expired card token, or any other refusal. */
export type RefusalReason = DeclineReason | "card_token" | "refused";

export type PaymentOutcome =
  /** Paid (or paid and in Bolt's review): `attempt` is what was charged. */
  | { kind: "placed"; attempt: Attempt; authorization: Authorization }
  /** The cart is not what the page showed: nothing was sent to Bolt. */
  | { kind: "cart-changed"; cart: Cart }
  | { kind: "empty-cart" }
  /** Another request of this checkout is paying right now. */
  | { kind: "busy" }
  | { kind: "refused"; reason: RefusalReason }
  /** Bolt's answer never came: the attempt is kept, to be sent again as it is. */
  | { kind: "unconfirmed" };

export type PaymentDeps = {
  attempts: CheckoutAttempts;
  /** How long one click may hold the checkout's lock: longer than every Bolt call it makes. */
  lockMs: number;
  /** Sends an attempt to Bolt, exactly as kept, with its Idempotency-Key. */
  send(attempt: Attempt): Promise<Authorization>;
};

export type OrderRequest = {
  /** The cart now, priced on the server. */
  cart: Cart;
  shown: Shown;
  /** Builds a fresh attempt once the cart is confirmed (checks the shopper's choices, may save a card). */
  start(): Promise<Attempt>;
};

/**
 * Places an order, one payment at a time per checkout. An attempt kept from an earlier click whose
 * answer never came is settled first, by sending it again unchanged: if it was paid, that is the
 * answer to this click too. Then the cart must be what the page showed, or nothing is charged. A
 * fresh attempt is kept before it is sent, so a timeout, a reload or a lost answer can only ever
 * lead to the same request again.
 */
export async function placeOrder(request: OrderRequest, deps: PaymentDeps): Promise<PaymentOutcome> {
  if (!(await deps.attempts.lock(deps.lockMs))) return { kind: "busy" };
  try {
    const earlier = await deps.attempts.load();
    if (earlier) {
      const outcome = await settle(earlier, deps);
      // Refused for good, the earlier attempt charged nothing: this click carries on.
      if (outcome.kind !== "refused") return outcome;
    }
    const { cart, shown } = request;
    if (cart.lines.length === 0) return { kind: "empty-cart" };
    if (cart.total !== shown.total || cartFingerprint(cart) !== shown.fingerprint)
      return { kind: "cart-changed", cart };
    const attempt = await request.start();
    await deps.attempts.save(attempt);
    return await settle(attempt, deps);
  } finally {
    // Best effort: the lock expires by itself.
    await deps.attempts.unlock().catch(() => undefined);
  }
}

/** Sends the kept attempt again; `none` when there is nothing kept. */
export async function resumeAttempt(deps: PaymentDeps): Promise<PaymentOutcome | { kind: "none" }> {
  if (!(await deps.attempts.lock(deps.lockMs))) return { kind: "busy" };
  try {
    const earlier = await deps.attempts.load();
    return earlier ? await settle(earlier, deps) : { kind: "none" };
  } finally {
    await deps.attempts.unlock().catch(() => undefined);
  }
}

/**
 * One send. Bolt's answer, paid or refused, ends the attempt; no answer keeps it. Errors that are not
 * Bolt's answer about the payment (the shopper signed out, the store is down) leave it kept too.
 */
async function settle(attempt: Attempt, deps: PaymentDeps): Promise<PaymentOutcome> {
  let outcome: PaymentOutcome;
  try {
    outcome = { kind: "placed", attempt, authorization: await deps.send(attempt) };
  } catch (error) {
    if (isUnanswered(error)) return { kind: "unconfirmed" };
    const reason = refusalOf(error);
    if (!reason) throw error;
    outcome = { kind: "refused", reason };
  }
  await deps.attempts.drop();
  return outcome;
}

/** No answer, or one we cannot read: the payment may have gone through. */
function isUnanswered(error: unknown): boolean {
  return (
    error instanceof BoltTimeoutError ||
    error instanceof BoltUnavailableError ||
    (error instanceof BoltResponseError && error.status >= 200 && error.status < 300)
  );
}

/**
 * Bolt's refusal of the payment itself. A refused bearer or a missing scope (401, 403) is not one: Bolt
 * looked no further, so an earlier send of the attempt may still have been paid.
 */
function refusalOf(error: unknown): RefusalReason | undefined {
  if (error instanceof BoltDeclinedError) return error.reason;
  if (error instanceof BoltCardTokenError) return "card_token";
  const { status } = error instanceof BoltError ? error : { status: 0 };
  return status >= 400 && status < 500 && status !== 401 && status !== 403 ? "refused" : undefined;
}
