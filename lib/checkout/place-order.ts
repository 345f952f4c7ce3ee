import { supportCode, type Authorization } from "@/lib/bolt";
import type { Cart } from "@/lib/cart";
import type {
  Answer,
  CreatedOrder,
  CheckoutOrderQuery,
  NewOrderInput,
  Order,
  PendingOrderOptions,
  Shopper,
} from "@/lib/ledger";
import { isOpen } from "@/lib/ledger/status";
import { newOrderId } from "@/lib/ledger/order-id";
import { formatMoney } from "@/lib/money";
import { learnedFrom, type RefusalReason, type SendResult } from "./answer";
import { orderInputOf, type Attempt } from "./attempt";
import { cartFingerprint, orderFingerprint } from "./fingerprint";
import { log } from "@/lib/log/logger";

export type ShownCart = { total: number; totalLabel: string; fingerprint: string };

export function shownCart(cart: Cart): ShownCart {
  return { total: cart.total, totalLabel: formatMoney(cart.total), fingerprint: cartFingerprint(cart) };
}

export type Shown = { total: number; fingerprint: string };

/** A resend happens only for the identity that placed the order. */
export type Checkout = { checkoutIdHash: string; shopper: Shopper };

export type PlacedOrder = {
  id: string;
  guest: boolean;
  /** False: the reconciler writes Bolt's answer later. */
  recorded: boolean;
  /** Null when signed in or not issued now. */
  guestKey: string | null;
  /** Only the cart it charged is emptied. */
  fingerprint: string;
};

export type OpenOrder = { id: string; guest: boolean; guestKey: string | null };

export type PaymentOutcome =
  | { kind: "placed"; order: PlacedOrder }
  /** Nothing was sent to Bolt. */
  | { kind: "cart-changed"; cart: Cart }
  | { kind: "empty-cart" }
  | { kind: "busy" }
  | { kind: "refused"; reason: RefusalReason; supportCode?: string }
  /** No answer from Bolt: the order stays open, to be sent again as it is, never under another key. */
  | { kind: "unconfirmed"; order: OpenOrder };

export type PaymentLedger = {
  latestOrder(query: CheckoutOrderQuery): Promise<Order | null>;
  createOrder(input: NewOrderInput, options: PendingOrderOptions): Promise<CreatedOrder>;
  /** Takes the order's send lock, with a `resent` event. */
  claimResend(orderId: string, lockMs: number): Promise<boolean>;
  /** The sealed request, while Bolt still remembers its key. */
  paymentRequest(orderId: string): Promise<string | null>;
  /** `order` as this send last saw it. */
  record(order: Order, answer: Answer): Promise<void>;
  renewGuestKey(orderId: string): Promise<string | null>;
};

export type PaymentDeps = {
  ledger: PaymentLedger;
  /** Longer than every Bolt call one send makes. */
  lockMs: number;
  firstCheckDelayMs: number;
  seal(attempt: Attempt): string;
  open(sealed: string): Promise<Attempt | undefined>;
  send(attempt: Attempt): Promise<Authorization>;
  /** Bolt's answer the ledger could not take now, for the reconciler to write. */
  keepUnwritten(orderId: string, answer: Answer): void;
};

export type OrderRequest = {
  checkout: Checkout;
  cart: Cart;
  shown: Shown;
  /** Runs only once the cart is confirmed: it may save a card. */
  start(orderId: string): Promise<Attempt>;
};

/**
 * An earlier open order is resent unchanged under the same key (a timeout, a lost answer, a double
 * click); one already placed is shown, not paid again. A new order and its sealed request are written
 * before anything goes to Bolt: if the ledger can't be written, nothing is sent.
 */
export async function placeOrder(request: OrderRequest, deps: PaymentDeps): Promise<PaymentOutcome> {
  const earlier = await deps.ledger.latestOrder(request.checkout);
  if (earlier && isOpen(earlier.status)) {
    const resent = await resendOrder(earlier, deps);
    // Refused, it charged nothing; gone, Bolt forgot its key: either way this click places a new order.
    if (resent.kind === "unreadable") return unconfirmed(earlier, null);
    if (resent.kind !== "refused" && resent.kind !== "gone") return resent;
  } else if (earlier && earlier.status !== "declined") {
    return placed(earlier, true, await renewedKey(earlier, deps));
  }
  const { cart, shown, checkout } = request;
  if (cart.lines.length === 0) return { kind: "empty-cart" };
  if (cart.total !== shown.total || cartFingerprint(cart) !== shown.fingerprint) return { kind: "cart-changed", cart };
  const id = newOrderId();
  const attempt = await request.start(id);
  const sub = "sub" in checkout.shopper ? checkout.shopper.sub : null;
  const { order, guestKey } = await deps.ledger.createOrder(
    orderInputOf(attempt, { checkoutIdHash: checkout.checkoutIdHash, sub }),
    {
      id,
      send: { sealedRequest: deps.seal(attempt), lockMs: deps.lockMs },
      firstCheckDelayMs: deps.firstCheckDelayMs,
    },
  );
  return send(order, attempt, { resend: false, guestKey }, deps);
}

/** "Check my payment": Bolt answers the unchanged resend with the first result. */
export async function resumeOrder(checkout: Checkout, deps: PaymentDeps): Promise<PaymentOutcome | { kind: "none" }> {
  const earlier = await deps.ledger.latestOrder(checkout);
  if (!earlier || earlier.status === "declined") return { kind: "none" };
  if (!isOpen(earlier.status)) return placed(earlier, true, await renewedKey(earlier, deps));
  const resent = await resendOrder(earlier, deps);
  return resent.kind === "gone" || resent.kind === "unreadable" ? unconfirmed(earlier, null) : resent;
}

/**
 * Gone: the ledger no longer keeps the request, as Bolt no longer keeps its key. Unreadable: it is kept
 * but does not open (its password id retired too soon, or it was altered). Bolt may still hold the first
 * request, so the order stays open for Bolt's webhook, and a new order waits until the request lapses.
 */
async function resendOrder(
  order: Order,
  deps: PaymentDeps,
): Promise<PaymentOutcome | { kind: "gone" } | { kind: "unreadable" }> {
  const sealed = await deps.ledger.paymentRequest(order.id);
  if (sealed === null) return { kind: "gone" };
  const attempt = await deps.open(sealed);
  if (!attempt) {
    log.error("checkout: an open order's kept request does not open; no new order until it lapses", {
      orderId: order.id,
    });
    return { kind: "unreadable" };
  }
  if (!(await deps.ledger.claimResend(order.id, deps.lockMs))) return { kind: "busy" };
  return send(order, attempt, { resend: true, guestKey: null }, deps);
}

/**
 * Nothing here throws once the request is out: a failed write is left to the reconciler, and the
 * shopper still hears Bolt's answer.
 */
async function send(
  order: Order,
  attempt: Attempt,
  how: { resend: boolean; guestKey: string | null },
  deps: PaymentDeps,
): Promise<PaymentOutcome> {
  let result: SendResult;
  try {
    result = { ok: true, authorization: await deps.send(attempt) };
  } catch (error) {
    result = { ok: false, error };
  }
  const { answer, refusal } = learnedFrom(result, { resend: how.resend, order });
  const recorded = await deps.ledger.record(order, answer).then(
    () => true,
    (error: unknown) => {
      log.warn("checkout: Bolt's answer not written yet", {
        orderId: order.id,
        answer: answer.kind,
        error: nameOf(error),
      });
      // An unconfirmed order stays due for a check anyway; a known answer waits in memory.
      if (answer.kind !== "unconfirmed") deps.keepUnwritten(order.id, answer);
      return false;
    },
  );
  if (answer.kind === "declined") {
    const code = result.ok ? undefined : supportCode(result.error);
    return { kind: "refused", reason: refusal ?? "refused", ...(code ? { supportCode: code } : {}) };
  }
  if (answer.kind === "unconfirmed") return unconfirmed(order, how.guestKey);
  return placed(order, recorded, how.guestKey ?? (await renewedKey(order, deps)));
}

function placed(order: Order, recorded: boolean, guestKey: string | null): PaymentOutcome {
  return {
    kind: "placed",
    order: { id: order.id, guest: order.guest, recorded, guestKey, fingerprint: orderFingerprint(order) },
  };
}

function unconfirmed(order: Order, guestKey: string | null): PaymentOutcome {
  return { kind: "unconfirmed", order: { id: order.id, guest: order.guest, guestKey } };
}

/** Best effort: the order is paid whether or not a key is issued. */
async function renewedKey(order: Order, deps: PaymentDeps): Promise<string | null> {
  if (!order.guest) return null;
  return deps.ledger.renewGuestKey(order.id).catch(() => null);
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "unknown error";
}
