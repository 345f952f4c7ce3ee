import { createHash } from "node:crypto";
import {
  BoltCardTokenError,
  BoltDeclinedError,
  BoltError,
  BoltResponseError,
  BoltTimeoutError,
  BoltUnavailableError,
  supportCode,
  type Authorization,
  type DeclineReason,
} from "@/lib/bolt";
import type { Cart } from "@/lib/cart";
import { formatMoney } from "@/lib/money";
import type { Attempt, CheckoutAttempts } from "./attempt";

/** A digest of every line and amount the shopper was shown: if the cart changes meanwhile, nothing is charged. */
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

export type ShownCart = { total: number; totalLabel: string; fingerprint: string };

export function shownCart(cart: Cart): ShownCart {
  return { total: cart.total, totalLabel: formatMoney(cart.total), fingerprint: cartFingerprint(cart) };
}

export type Shown = { total: number; fingerprint: string };

/** Why Bolt said no for good: the card's answer, a spent or expired card token, or another refusal. */
export type RefusalReason = DeclineReason | "card_token" | "refused";

export type PaymentOutcome =
  | { kind: "placed"; attempt: Attempt; authorization: Authorization }
  /** Nothing was sent to Bolt. */
  | { kind: "cart-changed"; cart: Cart }
  | { kind: "empty-cart" }
  | { kind: "busy" }
  | { kind: "refused"; reason: RefusalReason; supportCode?: string }
  /** No answer from Bolt: the attempt is kept, to be sent again as it is. */
  | { kind: "unconfirmed" };

export type PaymentDeps = {
  attempts: CheckoutAttempts;
  /** Longer than every Bolt call one click makes. */
  lockMs: number;
  /** Exactly as kept, with its Idempotency-Key. */
  send(attempt: Attempt): Promise<Authorization>;
};

export type OrderRequest = {
  cart: Cart;
  shown: Shown;
  /** Checks the shopper's choices (and may save a card) once the cart is confirmed. */
  start(): Promise<Attempt>;
};

/**
 * One payment at a time per checkout. A kept attempt whose answer never came is sent again unchanged
 * first; a fresh one is kept before it is sent, so a timeout or reload can only repeat the same request.
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

export async function resumeAttempt(deps: PaymentDeps): Promise<PaymentOutcome | { kind: "none" }> {
  if (!(await deps.attempts.lock(deps.lockMs))) return { kind: "busy" };
  try {
    const earlier = await deps.attempts.load();
    return earlier ? await settle(earlier, deps) : { kind: "none" };
  } finally {
    await deps.attempts.unlock().catch(() => undefined);
  }
}

/** Bolt's answer, paid or refused, ends the attempt; no answer, or any other error, keeps it. */
async function settle(attempt: Attempt, deps: PaymentDeps): Promise<PaymentOutcome> {
  let outcome: PaymentOutcome;
  try {
    outcome = { kind: "placed", attempt, authorization: await deps.send(attempt) };
  } catch (error) {
    if (isUnanswered(error)) return { kind: "unconfirmed" };
    const reason = refusalOf(error);
    if (!reason) throw error;
    outcome = { kind: "refused", reason, supportCode: supportCode(error) };
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

/** A refused bearer or missing scope (401, 403) is not a refusal of the payment: an earlier send may have paid. */
function refusalOf(error: unknown): RefusalReason | undefined {
  if (error instanceof BoltDeclinedError) return error.reason;
  if (error instanceof BoltCardTokenError) return "card_token";
  const { status } = error instanceof BoltError ? error : { status: 0 };
  return status >= 400 && status < 500 && status !== 401 && status !== 403 ? "refused" : undefined;
}
