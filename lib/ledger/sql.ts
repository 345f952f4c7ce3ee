import { inArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { OPEN_STATUSES } from "./status";

/** The database's clock `ms` from now: one clock for every instance that shares the database. */
export function fromNow(ms: number | Placeholder): SQL {
  return sql`now() + ${typeof ms === "number" ? Math.round(ms) : ms}::integer * interval '1 millisecond'`;
}

export const isOpenOrder = inArray(orders.status, [...OPEN_STATUSES]);

/**
 * Statements for the checkout's hot path, built once per database: each use skips drizzle's query
 * building and, on a Postgres server, the planning. Their names must be unique.
 */
export function preparedOnce<T>(prepare: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let statements = built.get(db);
    if (!statements) built.set(db, (statements = prepare(db)));
    return statements;
  };
}
