import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Database } from "@/lib/db/client";
import { orderEvents as events, orders, type EventDetail, type EventSource } from "@/lib/db/schema";
import { fromNow, preparedOnce } from "./sql";
import type { OrderStatus } from "./status";
import { ORDER_COLUMNS, type Order } from "./types";

type OrderValues = Partial<Omit<typeof orders.$inferInsert, "id" | "updatedAt" | "nextCheckAt">>;

/** A change to an order's row, its times on the database's clock (one clock for every instance). */
export type OrderChange = {
  values: OrderValues;
  /** `updated_at` becomes now. */
  touch?: boolean;
  /** The next check this long from now; null clears it; absent leaves it. */
  nextCheckInMs?: number | null;
};

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

/** As drizzle's `set()`, a column whose value is undefined is left as it is. */
const definedValues = ({ values }: OrderChange) => Object.entries(values).filter(([, value]) => value !== undefined);

export function changesNothing(change: OrderChange): boolean {
  return definedValues(change).length === 0 && !change.touch && change.nextCheckInMs === undefined;
}

/** The change as drizzle's `update().set()` takes it. */
export function setOf({ values, touch, nextCheckInMs }: OrderChange): PgUpdateSetSource<typeof orders> {
  return {
    ...values,
    ...(nextCheckInMs === undefined ? {} : { nextCheckAt: nextCheckInMs === null ? null : fromNow(nextCheckInMs) }),
    ...(touch ? { updatedAt: sql`now()` } : {}),
  };
}

/**
 * Applies `change` and appends its event in one statement, only if the order still is as `seen` (every
 * field an answer or a view of Bolt's is decided on), so no lock is held across round trips. Undefined
 * when it was not: the caller decides again from the order as it is now, under its row lock.
 */
export async function moveIfUnchanged(db: Database, seen: Order, change: OrderMove): Promise<Order | undefined> {
  const shape = shapeOf(seen, change);
  const statements = moveStatements(db);
  let statement = statements.get(shape.key);
  if (!statement) statements.set(shape.key, (statement = prepareMove(db, shape)));
  const [order] = await statement.execute(parametersOf(seen, change));
  return order;
}

/** The fields of `seen` that are compared, `is null` where they are null. */
const NULLABLE_SEEN = ["boltReference", "boltOrderNumber", "cardNetwork"] as const;

/** What a move's statement is built from; the values are its parameters. */
type Shape = {
  key: string;
  /** Each value set, or null for a column set to null. */
  values: [column: keyof OrderValues, isNull: boolean][];
  touch: boolean;
  nextCheck: "leave" | "clear" | "set";
  nullSeen: ReadonlySet<(typeof NULLABLE_SEEN)[number]>;
  event: boolean;
  dedupe: boolean;
  clearRequest: boolean;
};

function shapeOf(seen: Order, { set, event, clearRequest }: OrderMove): Shape {
  const values = definedValues(set)
    .map(([column, value]): [keyof OrderValues, boolean] => [column as keyof OrderValues, value === null])
    .sort(([a], [b]) => a.localeCompare(b));
  const nextCheck = set.nextCheckInMs === undefined ? "leave" : set.nextCheckInMs === null ? "clear" : "set";
  const nullSeen = new Set(NULLABLE_SEEN.filter((field) => seen[field] === null));
  const dedupe = Boolean(event?.dedupeKey);
  const key = JSON.stringify([
    values,
    set.touch ?? false,
    nextCheck,
    [...nullSeen],
    Boolean(event),
    dedupe,
    clearRequest,
  ]);
  return { key, values, touch: set.touch ?? false, nextCheck, nullSeen, event: Boolean(event), dedupe, clearRequest };
}

const param = (name: string) => sql.placeholder(name);

// A move's statement is built and prepared once per shape and database: building it in drizzle cost
// as much as running it. The shapes are few: the columns an answer or a view of Bolt's sets.
const moveStatements = preparedOnce(() => new Map<string, ReturnType<typeof prepareMove>>());

/**
 * A Postgres connection keeps a prepared statement by its name, and Next loads this module once per
 * bundle, all on one database: the name is the shape's, the same in every copy for the same statement.
 */
const statementName = (shape: Shape) =>
  `move_order_${createHash("sha256").update(shape.key).digest("hex").slice(0, 24)}`;

function prepareMove(db: Database, shape: Shape) {
  const set: PgUpdateSetSource<typeof orders> = Object.fromEntries(
    shape.values.map(([column, isNull]) => [column, isNull ? null : param(`set.${column}`)]),
  );
  if (shape.nextCheck !== "leave")
    set.nextCheckAt = shape.nextCheck === "clear" ? null : fromNow(param("nextCheckInMs"));
  if (shape.touch) set.updatedAt = sql`now()`;
  const moved = db.$with("moved").as(db.update(orders).set(set).where(unchangedSince(shape)).returning(ORDER_COLUMNS));
  // Parameters in a SELECT list reach the server untyped: the non-text columns are cast. A twin
  // delivery racing this one is kept out by the dedupe index, not by an error.
  const logged = db.$with("logged", {}).as(
    sql`insert into ${events} (order_id, type, source, status_from, status_to, amount_cents, detail, dedupe_key)
      select id, ${param("type")}, ${param("source")}, ${param("statusFrom")}, ${param("statusTo")},
        ${param("amountCents")}::integer, ${param("detail")}::jsonb, ${param("dedupeKey")}
      from moved on conflict do nothing`,
  );
  const cleared = db
    .$with("cleared", {})
    .as(sql`delete from payment_requests where order_id in (select id from moved)`);
  return db
    .with(moved, ...(shape.event ? [logged] : []), ...(shape.clearRequest ? [cleared] : []))
    .select()
    .from(moved)
    .prepare(statementName(shape));
}

function unchangedSince(shape: Shape): SQL | undefined {
  const nullable = NULLABLE_SEEN.map((field) =>
    shape.nullSeen.has(field) ? sql`${orders[field]} is null` : eq(orders[field], param(field)),
  );
  return and(
    eq(orders.id, param("id")),
    eq(orders.status, param("status")),
    eq(orders.checkAttempts, param("checkAttempts")),
    ...nullable,
    eq(orders.authorizedCents, param("authorizedCents")),
    eq(orders.capturedCents, param("capturedCents")),
    eq(orders.refundedCents, param("refundedCents")),
    shape.dedupe
      ? sql`not exists (select 1 from ${events} where ${events.orderId} = ${param("id")}
          and ${events.dedupeKey} = ${param("dedupeKey")})`
      : undefined,
  );
}

function parametersOf(seen: Order, { set, event }: OrderMove): Record<string, unknown> {
  return {
    ...Object.fromEntries(definedValues(set).map(([column, value]) => [`set.${column}`, value])),
    nextCheckInMs: set.nextCheckInMs === null || set.nextCheckInMs === undefined ? null : Math.round(set.nextCheckInMs),
    id: seen.id,
    status: seen.status,
    checkAttempts: seen.checkAttempts,
    boltReference: seen.boltReference,
    boltOrderNumber: seen.boltOrderNumber,
    cardNetwork: seen.cardNetwork,
    authorizedCents: seen.authorizedCents,
    capturedCents: seen.capturedCents,
    refundedCents: seen.refundedCents,
    type: event?.type,
    source: event?.source,
    statusFrom: seen.status,
    statusTo: event?.statusTo ?? null,
    amountCents: event?.amountCents ?? null,
    detail: event ? JSON.stringify(event.detail) : null,
    dedupeKey: event?.dedupeKey ?? null,
  };
}
