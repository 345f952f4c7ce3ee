import "server-only";
import { and, asc, eq, inArray, isNotNull, lte, not, sql } from "drizzle-orm";
import * as z from "zod";
import type { BoltTransaction } from "@/lib/bolt/types";
import type { Database } from "@/lib/db/client";
import { guarded } from "@/lib/db/errors";
import { orderEvents as events, orders, paymentRequests, type EventDetail, type EventSource } from "@/lib/db/schema";
import { OrderNotFoundError } from "./errors";
import { LockMs, OrderId, parse } from "./inputs";
import { isOrderId } from "./order-id";
import { applyView, eventAmountCents } from "./settlement-state";
import { fromNow, isOpenOrder, preparedOnce } from "./sql";
import { isOpen } from "./status";
import { changesNothing, moveIfUnchanged, setOf, type OrderChange, type OrderMove } from "./move";
import { ORDER_COLUMNS, type Order } from "./types";

export type ApplyOptions = {
  source: Extract<EventSource, "webhook" | "merchant" | "reconciler">;
  /** Bolt's event type, or `sync` (the default) for a re-read. */
  eventType?: string;
  /** `transactionEventKey`: a second application with it changes and adds nothing. */
  dedupeKey?: string;
  /** A re-read records an event only when it changed something; Bolt's events are recorded even when late. */
  onlyIfChanged?: boolean;
  /** When to re-read a settled order (soon after a webhook's body, until a re-read confirms it); null clears. */
  recheckInMs?: number | null;
  note?: EventDetail;
};

export type AppliedTransaction = {
  order: Order;
  moved: boolean;
  /** The dedupe key was already recorded: nothing changed or added. */
  duplicate: boolean;
};

const Cents = z.number().int().nonnegative().max(2_147_483_647);
const Reference = z.string().min(1).max(64);

/** Amounts that fit the ledger's columns, references that fit a key. */
export const BoltView = z.object({
  reference: Reference,
  orderReference: z.string().max(256).optional(),
  state: z.enum(["authorized", "in_review", "completed", "voided", "rejected", "declined", "unknown"]),
  currency: z.string().max(8).optional(),
  authorizedCents: Cents.optional(),
  capturedCents: Cents,
  refundedCents: Cents,
  refund: z.object({ reference: Reference, amountCents: Cents }).optional(),
}) satisfies z.ZodType<BoltTransaction>;

const Note = z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]));
const Batch = z.number().int().min(1).max(500);

/**
 * Exactly one event: a late or foreign view is recorded but changes nothing. `seen`, the order as the
 * caller just read it, lets a change be one statement; otherwise, or if the order changed since, the
 * view is applied in a transaction under the order's row lock, where concurrent applications take turns.
 */
export async function applyTransaction(
  db: Database,
  orderId: string,
  transaction: BoltTransaction,
  options: ApplyOptions & { seen?: Order },
): Promise<AppliedTransaction> {
  const id = parse("order id", OrderId, orderId);
  const view = parse("Bolt's view", BoltView, transaction);
  const note = options.note ? parse("event note", Note, options.note) : {};
  const type = options.eventType ?? "sync";
  const settle = (current: Order) => settlementOf(current, view, { ...options, type, note });
  return guarded("apply Bolt's view of the payment", async () => {
    const { seen } = options;
    const fast = seen?.id === id ? settle(seen) : undefined;
    if (fast && !changesNothing(fast.move.set)) {
      const order = await moveIfUnchanged(db, seen!, fast.move);
      if (order) return { order, moved: fast.moved, duplicate: false };
    }
    return db.transaction(async (tx) => {
      const [current] = await tx.select(ORDER_COLUMNS).from(orders).where(eq(orders.id, id)).for("update");
      if (!current) throw new OrderNotFoundError(id);
      if (options.dedupeKey !== undefined) {
        const [recorded] = await tx
          .select({ id: events.id })
          .from(events)
          .where(and(eq(events.orderId, id), eq(events.dedupeKey, options.dedupeKey)))
          .limit(1);
        if (recorded) return { order: current, moved: false, duplicate: true };
      }
      const { move, moved } = settle(current);
      let order = current;
      if (!changesNothing(move.set)) {
        const [updated] = await tx
          .update(orders)
          .set(setOf(move.set))
          .where(eq(orders.id, id))
          .returning(ORDER_COLUMNS);
        order = updated!;
      }
      // Bolt's answer is known: the checkout's sealed request has nothing left to resend.
      if (move.clearRequest) await tx.delete(paymentRequests).where(eq(paymentRequests.orderId, id));
      if (move.event) await tx.insert(events).values({ orderId: id, statusFrom: current.status, ...move.event });
      return { order, moved, duplicate: false };
    });
  });
}

function settlementOf(
  current: Order,
  view: BoltTransaction,
  options: ApplyOptions & { type: string; note: EventDetail },
): { move: OrderMove; moved: boolean } {
  const { next, moved, changed, foreign } = applyView(current, view);
  const schedule =
    foreign || isOpen(next.status) || options.recheckInMs === undefined ? {} : { nextCheckInMs: options.recheckInMs };
  const set: OrderChange =
    changed || "nextCheckInMs" in schedule ? { values: next, touch: changed, ...schedule } : { values: {} };
  const event =
    options.onlyIfChanged && !changed
      ? null
      : {
          type: options.type,
          source: options.source,
          statusTo: moved ? next.status : null,
          amountCents: eventAmountCents(options.type, view) ?? null,
          detail: eventDetail(view, foreign, changed ? options.note : { ...options.note, unchanged: true }),
          dedupeKey: options.dedupeKey ?? null,
        };
  return { move: { set, event, clearRequest: isOpen(current.status) && !isOpen(next.status) }, moved };
}

function eventDetail(view: BoltTransaction, foreign: boolean, note: EventDetail): EventDetail {
  return {
    boltReference: view.reference,
    boltState: view.state,
    capturedCents: view.capturedCents,
    refundedCents: view.refundedCents,
    ...(view.refund ? { refundReference: view.refund.reference } : {}),
    ...(foreign ? { foreign: true } : {}),
    ...note,
  };
}

export type EventOrder = {
  order: Order;
  /** An event with the delivery's key is already recorded: a redelivery, to answer without applying. */
  duplicate: boolean;
};

/**
 * The order a delivery is about, by the view's `order_reference`, else by the payment's reference as the
 * ledger recorded it: one read, which a first delivery applies from and a redelivery ends at.
 */
export async function findEventOrder(
  db: Database,
  view: Pick<BoltTransaction, "reference" | "orderReference">,
  dedupeKey: string,
): Promise<EventOrder | null> {
  return guarded("find the payment's order", async () => {
    const statements = eventOrderStatements(db);
    if (view.orderReference && isOrderId(view.orderReference)) {
      const [byId] = await statements.byId.execute({ id: view.orderReference, dedupeKey });
      if (byId) return eventOrderOf(byId);
    }
    const [byReference] = await statements.byReference.execute({ reference: view.reference, dedupeKey });
    return byReference ? eventOrderOf(byReference) : null;
  });
}

function eventOrderOf({ duplicate, ...order }: Order & { duplicate: boolean }): EventOrder {
  return { order, duplicate };
}

// Every delivery reads its order this way.
const eventOrderStatements = preparedOnce((db) => {
  const withDuplicate = {
    ...ORDER_COLUMNS,
    duplicate: sql<boolean>`exists (select 1 from order_events e where e.order_id = orders.id
      and e.dedupe_key = ${sql.placeholder("dedupeKey")})`,
  };
  return {
    byId: db
      .select(withDuplicate)
      .from(orders)
      .where(eq(orders.id, sql.placeholder("id")))
      .prepare("event_order_by_id"),
    byReference: db
      .select(withDuplicate)
      .from(orders)
      .where(eq(orders.boltReference, sql.placeholder("reference")))
      .prepare("event_order_by_reference"),
  };
});

/**
 * Settled orders whose webhook awaits Bolt's re-read (or whose re-read failed), the longest-waiting
 * first, each claimed for `leaseMs`: of several instances' rounds one re-reads it, and the claims of an
 * instance that stops mid-round lapse. Open orders are `dueForCheck`'s.
 */
export async function claimDueForSync(db: Database, now: Date, limit: number, leaseMs: number): Promise<Order[]> {
  const count = parse("limit", Batch, limit);
  const lease = parse("lease", LockMs, leaseMs);
  const due = db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        not(isOpenOrder),
        isNotNull(orders.boltReference),
        isNotNull(orders.nextCheckAt),
        lte(orders.nextCheckAt, now),
      ),
    )
    .orderBy(asc(orders.nextCheckAt))
    .limit(count)
    .for("update", { skipLocked: true });
  return guarded("claim the orders due for a re-read", () =>
    db
      .update(orders)
      .set({ nextCheckAt: fromNow(lease) })
      .where(inArray(orders.id, due))
      .returning(ORDER_COLUMNS),
  );
}

/** No shopper check: never for a shopper's request. */
export async function getOrder(db: Database, orderId: string): Promise<Order | null> {
  if (!isOrderId(orderId)) return null;
  return guarded("read the order", async () => {
    const [order] = await orderById(db).execute({ id: orderId });
    return order ?? null;
  });
}

// Read by every desk action.
const orderById = preparedOnce((db) =>
  db
    .select(ORDER_COLUMNS)
    .from(orders)
    .where(eq(orders.id, sql.placeholder("id")))
    .prepare("order_by_id"),
);

/** For when Bolt could not be read: not on the next round, but in `ms`. */
export async function postponeSync(db: Database, orderId: string, ms: number): Promise<void> {
  const id = parse("order id", OrderId, orderId);
  const delay = parse("delay", z.number().int().min(1).max(86_400_000), ms);
  await guarded("postpone the order's re-read", () =>
    db
      .update(orders)
      .set({ nextCheckAt: fromNow(delay) })
      .where(and(eq(orders.id, id), not(isOpenOrder))),
  );
}
