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
  amountCents?: number;
  detail: EventDetail;
};

/**
 * Applies `change` and appends its event in one statement, only if the order still is as `seen` (each
 * field a move is decided on), so no lock is held across round trips. Undefined when it was not: the
 * caller decides again from the order as it is now.
 */
export async function moveIfUnchanged(
  db: Database,
  seen: Order,
  change: { set: OrderChange; event: ChangeEvent; clearRequest: boolean },
): Promise<Order | undefined> {
  const moved = db
    .$with("moved")
    .as(db.update(orders).set(change.set).where(unchangedSince(seen)).returning(ORDER_COLUMNS));
  const { type, source, statusTo, amountCents, detail } = change.event;
  // Parameters in a SELECT list reach the server untyped: the non-text columns are cast.
  const logged = db.$with("logged", {}).as(
    sql`insert into ${events} (order_id, type, source, status_from, status_to, amount_cents, detail)
      select id, ${type}, ${source}, ${seen.status}, ${statusTo}, ${amountCents ?? null}::integer,
        ${JSON.stringify(detail)}::jsonb from moved`,
  );
  const cleared = db
    .$with("cleared", {})
    .as(sql`delete from payment_requests where order_id in (select id from moved)`);
  const [order] = await db
    .with(moved, logged, ...(change.clearRequest ? [cleared] : []))
    .select()
    .from(moved);
  return order;
}

function unchangedSince(seen: Order): SQL | undefined {
  const same = <T>(column: Parameters<typeof eq>[0], value: T | null) =>
    value === null ? sql`${column} is null` : eq(column, value);
  return and(
    eq(orders.id, seen.id),
    eq(orders.status, seen.status),
    eq(orders.checkAttempts, seen.checkAttempts),
    same(orders.boltReference, seen.boltReference),
    same(orders.boltOrderNumber, seen.boltOrderNumber),
    same(orders.cardNetwork, seen.cardNetwork),
  );
}
