import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import * as z from "zod";
import type { Database } from "@/lib/db/client";
import { guarded } from "@/lib/db/errors";
import { orderEvents as events, orders, paymentRequests } from "@/lib/db/schema";
import { FIRST_CHECK_DELAY_MS } from "./check-schedule";
import {
  CheckoutOrderQuery,
  ForgetWho,
  LockMs,
  NewOrderInput,
  OrderId,
  Page,
  parse,
  Sealed,
  Sub,
  Viewer,
} from "./inputs";
import { newOrderId } from "./order-id";
import { PAYMENT_REQUEST_TTL_MS } from "./payment-requests";
import { guestKeyMatches, newGuestKey } from "./secrets";
import { fromNow, preparedOnce } from "./sql";
import { pageOfOrders, type OrderPage } from "./order-pages";
import { ORDER_COLUMNS, type Order, type OrderEvent } from "./types";

export type CreatedOrder = {
  order: Order;
  /** Shown once and kept only as a hash; null when signed in. */
  guestKey: string | null;
};

export type PendingOrderOptions = {
  /** Given when the payment request must name the order before it exists. */
  id?: string;
  /**
   * Stored, locked and marked `sent` in the order's own transaction: after the commit the send may have
   * happened, and whoever finds the order treats it so.
   */
  send?: { sealedRequest: string; lockMs: number };
  firstCheckDelayMs?: number;
};

const Options = z
  .object({
    id: OrderId.optional(),
    send: z.object({ sealedRequest: Sealed, lockMs: LockMs }).strict().optional(),
    firstCheckDelayMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 60 * 60_000)
      .optional(),
  })
  .strict();

export async function createPendingOrder(
  db: Database,
  input: NewOrderInput,
  options: PendingOrderOptions = {},
): Promise<CreatedOrder> {
  const order = parse("order", NewOrderInput, input);
  const { id = newOrderId(), send, firstCheckDelayMs = FIRST_CHECK_DELAY_MS } = parse("options", Options, options);
  const key = order.shopperSub === null ? newGuestKey() : null;
  return guarded("record the order", async () => {
    const [created] = await createStatementsOf(db)[send ? "sent" : "unsent"].execute({
      id,
      currency: order.currency,
      itemsCents: order.itemsCents,
      shippingCents: order.shippingCents,
      taxCents: order.taxCents,
      totalCents: order.totalCents,
      lines: order.lines,
      shopperSub: order.shopperSub,
      email: order.email,
      guest: key !== null,
      shipTo: order.shipTo,
      cardNetwork: order.card.network,
      cardLast4: order.card.last4,
      checkoutIdHash: order.checkoutIdHash,
      guestKeyHash: key?.hash ?? null,
      firstCheckDelayMs,
      ...(send ? { sealed: send.sealedRequest, lockMs: send.lockMs, requestTtlMs: PAYMENT_REQUEST_TTL_MS } : {}),
    });
    return { order: created!, guestKey: key?.key ?? null };
  });
}

// Written on every click of "Place order".
const createStatementsOf = preparedOnce((db) => ({ sent: prepareCreate(db, true), unsent: prepareCreate(db, false) }));

/**
 * One statement, so atomic without a transaction: data-modifying CTEs always run to completion, and
 * the events' and request's references to the order are checked at its end. The events' ids keep
 * their order in the VALUES list, which the timeline sorts by.
 */
function prepareCreate(db: Database, sent: boolean) {
  const p = sql.placeholder;
  const timeline = db.$with("timeline").as(
    db
      .insert(events)
      .values([
        { orderId: p("id"), type: "created", source: "storefront", statusTo: "pending", amountCents: p("totalCents") },
        ...(sent ? [{ orderId: p("id"), type: "sent", source: "storefront" } as const] : []),
      ])
      .returning({ id: events.id }),
  );
  const request = db.$with("request").as(
    db
      .insert(paymentRequests)
      .values({ orderId: p("id"), sealed: p("sealed"), expiresAt: fromNow(p("requestTtlMs")) })
      .returning({ orderId: paymentRequests.orderId }),
  );
  return db
    .with(timeline, ...(sent ? [request] : []))
    .insert(orders)
    .values({
      id: p("id"),
      status: "pending",
      currency: p("currency"),
      itemsCents: p("itemsCents"),
      shippingCents: p("shippingCents"),
      taxCents: p("taxCents"),
      totalCents: p("totalCents"),
      lines: p("lines"),
      shopperSub: p("shopperSub"),
      email: p("email"),
      guest: p("guest"),
      shipTo: p("shipTo"),
      cardNetwork: p("cardNetwork"),
      cardLast4: p("cardLast4"),
      checkoutIdHash: p("checkoutIdHash"),
      guestKeyHash: p("guestKeyHash"),
      ...(sent ? { sendLockUntil: fromNow(p("lockMs")) } : {}),
      // If this process dies before the send ends, the reconciler still finds the order.
      nextCheckAt: fromNow(p("firstCheckDelayMs")),
    })
    .returning(ORDER_COLUMNS)
    .prepare(sent ? "create_sent_order" : "create_order");
}

/**
 * Whatever its status: a click finds the order it already placed (its answer lost on the way to the
 * browser) instead of placing another. Never another identity's order, even on the same browser.
 */
export async function latestCheckoutOrder(db: Database, query: CheckoutOrderQuery): Promise<Order | null> {
  const { checkoutIdHash, shopper } = parse("checkout order query", CheckoutOrderQuery, query);
  return guarded("look up the checkout's order", async () => {
    const statements = latestStatementsOf(db);
    const [order] =
      "sub" in shopper
        ? await statements.bySub.execute({ checkoutIdHash, sub: shopper.sub })
        : await statements.byGuest.execute({ checkoutIdHash, email: shopper.guestEmail });
    return order ?? null;
  });
}

// Asked on every click of "Place order".
const latestStatementsOf = preparedOnce(prepareLatest);

function prepareLatest(db: Database) {
  const latest = (identity: SQL | undefined) =>
    db
      .select(ORDER_COLUMNS)
      .from(orders)
      .where(and(eq(orders.checkoutIdHash, sql.placeholder("checkoutIdHash")), identity))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(1);
  return {
    bySub: latest(eq(orders.shopperSub, sql.placeholder("sub"))).prepare("latest_checkout_order_by_sub"),
    byGuest: latest(
      and(eq(orders.guest, true), isNull(orders.shopperSub), eq(orders.email, sql.placeholder("email"))),
    ).prepare("latest_checkout_order_by_guest"),
  };
}

/** Replaces the guest key, as the browser may never have received the first; null for a signed-in order. */
export async function renewGuestKey(db: Database, orderId: string): Promise<string | null> {
  const id = parse("order id", OrderId, orderId);
  const key = newGuestKey();
  return guarded("renew the order's guest key", async () => {
    const renewed = await db
      .update(orders)
      .set({ guestKeyHash: key.hash, updatedAt: sql`now()` })
      .where(and(eq(orders.id, id), eq(orders.guest, true), isNotNull(orders.guestKeyHash)))
      .returning({ id: orders.id });
    return renewed.length === 1 ? key.key : null;
  });
}

/** Null when the viewer may not see it, as when it does not exist: ids are on receipts and sent to Bolt. */
export async function getOrderForShopper(db: Database, orderId: string, viewer: Viewer): Promise<Order | null> {
  const who = parse("viewer", Viewer, viewer);
  if (!OrderId.safeParse(orderId).success) return null;
  return guarded("read the order", async () => {
    if ("guestKey" in who) {
      const [row] = await db
        .select({ order: ORDER_COLUMNS, guestKeyHash: orders.guestKeyHash })
        .from(orders)
        .where(eq(orders.id, orderId));
      if (!row?.guestKeyHash || !guestKeyMatches(who.guestKey, row.guestKeyHash)) return null;
      return row.order;
    }
    const allowed =
      "sub" in who
        ? eq(orders.shopperSub, who.sub)
        : and(
            eq(orders.guest, true),
            isNull(orders.shopperSub),
            eq(orders.checkoutIdHash, who.checkoutIdHash),
            eq(orders.email, who.guestEmail),
          );
    const [order] = await db
      .select(ORDER_COLUMNS)
      .from(orders)
      .where(and(eq(orders.id, orderId), allowed));
    return order ?? null;
  });
}

export async function listOrdersForShopper(db: Database, sub: string, page: Page): Promise<OrderPage> {
  const owner = parse("shopper", Sub, sub);
  const { limit, before, after } = parse("page", Page, page);
  return pageOfOrders(db, {
    operation: "list the shopper's orders",
    matching: eq(orders.shopperSub, owner),
    cursorScope: sql`and o.shopper_sub = ${owner}`,
    limit,
    before,
    after,
  });
}

/** Oldest first. Callers check first that the viewer may see the order. */
export async function orderTimeline(db: Database, orderId: string): Promise<OrderEvent[]> {
  return guarded("read the order's events", () =>
    db.select().from(events).where(eq(events.orderId, orderId)).orderBy(asc(events.id)),
  );
}

/**
 * Anonymises rather than deletes: amounts, lines, status, Bolt's reference and the timeline are the
 * merchant's accounting and dispute records. Returns how many orders were anonymised.
 */
export async function forgetShopper(db: Database, who: ForgetWho): Promise<number> {
  const whose = parse("shopper", ForgetWho, who);
  const match = "sub" in whose ? eq(orders.shopperSub, whose.sub) : eq(orders.email, whose.email);
  return guarded("forget the shopper", () =>
    db.transaction(async (tx) => {
      const forgotten = await tx
        .update(orders)
        .set({
          shopperSub: null,
          email: null,
          shipTo: null,
          cardNetwork: null,
          cardLast4: null,
          checkoutIdHash: null,
          guestKeyHash: null,
          updatedAt: sql`now()`,
        })
        .where(match)
        .returning({ id: orders.id });
      if (forgotten.length === 0) return 0;
      const ids = forgotten.map((order) => order.id);
      await tx.delete(paymentRequests).where(inArray(paymentRequests.orderId, ids));
      await tx
        .insert(events)
        .values(ids.map((orderId) => ({ orderId, type: "forgotten", source: "merchant" as const })));
      return ids.length;
    }),
  );
}
