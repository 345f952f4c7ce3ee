import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Database } from "@/lib/db/client";
import { orderEvents as events, orders, type EventDetail, type EventSource } from "@/lib/db/schema";
import type { OrderStatus } from "./status";
import { ORDER_COLUMNS, type Order } from "./types";

export type OrderChange = PgUpdateSetSource<typeof orders>;

export type ChangeEvent = {
  type: string;
  source: EventSource;
  statusTo: OrderStatus | null;
  amountCents?: number | null;
  detail: EventDetail;
  /** A webhook's natural key: the change is made only if no event has it yet. */
  dedupeKey?: string | null;
};

export type OrderMove = {
  set: OrderChange;
  /** Null: the change (a schedule) is recorded by no event. */
  event: ChangeEvent | null;
  clearRequest: boolean;
};

/**
 * Applies `change` and appends its event in one statement, only if the order still is as `seen` (every
 * field an answer or a view of Bolt's is decided on), so no lock is held across round trips. Undefined
 * when it was not: the caller decides again from the order as it is now, under its row lock.
 */
export async function moveIfUnchanged(db: Database, seen: Order, change: OrderMove): Promise<Order | undefined> {
  const { event } = change;
  const moved = db
    .$with("moved")
    .as(db.update(orders).set(change.set).where(unchangedSince(seen, event?.dedupeKey)).returning(ORDER_COLUMNS));
  // Parameters in a SELECT list reach the server untyped: the non-text columns are cast. A twin
  // delivery racing this one is kept out by the dedupe index, not by an error.
  const logged =
    event &&
    db.$with("logged", {}).as(
      sql`insert into ${events} (order_id, type, source, status_from, status_to, amount_cents, detail, dedupe_key)
        select id, ${event.type}, ${event.source}, ${seen.status}, ${event.statusTo},
          ${event.amountCents ?? null}::integer, ${JSON.stringify(event.detail)}::jsonb, ${event.dedupeKey ?? null}
        from moved on conflict do nothing`,
    );
  const cleared = db
    .$with("cleared", {})
    .as(sql`delete from payment_requests where order_id in (select id from moved)`);
  const [order] = await db
    .with(moved, ...(logged ? [logged] : []), ...(change.clearRequest ? [cleared] : []))
    .select()
    .from(moved);
  return order;
}

function unchangedSince(seen: Order, dedupeKey: string | null | undefined): SQL | undefined {
  const same = <T>(column: Parameters<typeof eq>[0], value: T | null) =>
    value === null ? sql`${column} is null` : eq(column, value);
  return and(
    eq(orders.id, seen.id),
    eq(orders.status, seen.status),
    eq(orders.checkAttempts, seen.checkAttempts),
    same(orders.boltReference, seen.boltReference),
    same(orders.boltOrderNumber, seen.boltOrderNumber),
    same(orders.cardNetwork, seen.cardNetwork),
    eq(orders.authorizedCents, seen.authorizedCents),
    eq(orders.capturedCents, seen.capturedCents),
    eq(orders.refundedCents, seen.refundedCents),
    dedupeKey
      ? sql`not exists (select 1 from ${events} where ${events.orderId} = ${seen.id} and ${events.dedupeKey} = ${dedupeKey})`
      : undefined,
  );
}
