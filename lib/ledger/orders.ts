import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { guarded } from "@/lib/db/errors";
import { orderEvents as events, orders, paymentRequests } from "@/lib/db/schema";
import { FIRST_CHECK_DELAY_MS } from "./check-schedule";
import { FindOpenOrder, ForgetWho, NewOrderInput, OrderId, Page, parse, Sub, Viewer } from "./inputs";
import { newOrderId } from "./order-id";
import { guestKeyMatches, newGuestKey } from "./secrets";
import { fromNow, isOpenOrder } from "./sql";
import { ORDER_COLUMNS, type Order, type OrderEvent } from "./types";

export type CreatedOrder = {
  order: Order;
  /** A guest's key to their order link, shown to them once and kept only as a hash; null when signed in. */
  guestKey: string | null;
};

/** Records a new order, waiting for Bolt's answer, with its first event. */
export async function createPendingOrder(db: Database, input: NewOrderInput): Promise<CreatedOrder> {
  const order = parse("order", NewOrderInput, input);
  const guest = order.shopperSub === null;
  const key = guest ? newGuestKey() : null;
  const id = newOrderId();
  return guarded("record the order", () =>
    db.transaction(async (tx) => {
      const [created] = await tx
        .insert(orders)
        .values({
          id,
          status: "pending",
          currency: order.currency,
          itemsCents: order.itemsCents,
          shippingCents: order.shippingCents,
          taxCents: order.taxCents,
          totalCents: order.totalCents,
          lines: order.lines,
          shopperSub: order.shopperSub,
          email: order.email,
          guest,
          shipTo: order.shipTo,
          cardNetwork: order.card.network,
          cardLast4: order.card.last4,
          checkoutIdHash: order.checkoutIdHash,
          guestKeyHash: key?.hash ?? null,
          // If this process dies before the send ends, the reconciler still finds the order.
          nextCheckAt: fromNow(FIRST_CHECK_DELAY_MS),
        })
        .returning(ORDER_COLUMNS);
      await tx.insert(events).values({
        orderId: id,
        type: "created",
        source: "storefront",
        statusTo: "pending",
        amountCents: order.totalCents,
      });
      return { order: created!, guestKey: key?.key ?? null };
    }),
  );
}

/**
 * The newest order of this checkout still waiting for Bolt's answer, placed by this same shopper or
 * guest: a retry resends it rather than paying again. Another identity's order is never returned,
 * even on the same browser.
 */
export async function findOpenOrder(db: Database, query: FindOpenOrder): Promise<Order | null> {
  const { checkoutIdHash, shopper } = parse("open-order query", FindOpenOrder, query);
  const identity =
    "sub" in shopper
      ? eq(orders.shopperSub, shopper.sub)
      : and(eq(orders.guest, true), isNull(orders.shopperSub), eq(orders.email, shopper.guestEmail));
  return guarded("look up the checkout's order", async () => {
    const [order] = await db
      .select(ORDER_COLUMNS)
      .from(orders)
      .where(and(eq(orders.checkoutIdHash, checkoutIdHash), isOpenOrder, identity))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(1);
    return order ?? null;
  });
}

/**
 * The order, if this viewer may see it; null otherwise, the same null as for an order that does
 * not exist. Its id alone opens nothing: ids are printed on receipts and sent to Bolt.
 */
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

export type OrderPage = {
  orders: Order[];
  /** Pass as `before` for the next page; null on the last one. */
  next: string | null;
};

/** A signed-in shopper's orders, newest first, a page at a time. */
export async function listOrdersForShopper(db: Database, sub: string, page: Page): Promise<OrderPage> {
  const owner = parse("shopper", Sub, sub);
  const { limit, before } = parse("page", Page, page);
  // The cursor is compared in the database, at the timestamps' full precision.
  const older = before
    ? sql`(${orders.createdAt}, ${orders.id}) < (select o.created_at, o.id from ${orders} o where o.id = ${before} and o.shopper_sub = ${owner})`
    : undefined;
  return guarded("list the shopper's orders", async () => {
    const rows = await db
      .select(ORDER_COLUMNS)
      .from(orders)
      .where(and(eq(orders.shopperSub, owner), older))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(limit + 1);
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    return { orders: shown, next: more ? shown.at(-1)!.id : null };
  });
}

/** What happened to an order, oldest first. Callers check first that the viewer may see the order. */
export async function orderTimeline(db: Database, orderId: string): Promise<OrderEvent[]> {
  return guarded("read the order's events", () =>
    db.select().from(events).where(eq(events.orderId, orderId)).orderBy(asc(events.id)),
  );
}

/**
 * Removes a shopper's personal data from every order of theirs: email, address and phone, Bolt
 * identity, card network and last four, the checkout and guest-link hashes, and any sealed request
 * still waiting. The orders themselves stay, anonymised rather than deleted: amounts, lines, status,
 * Bolt's reference and the timeline are the merchant's accounting and dispute records, and Bolt keeps
 * its own record under the same reference. Each order gets a `forgotten` event. Returns how many
 * orders were anonymised.
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
