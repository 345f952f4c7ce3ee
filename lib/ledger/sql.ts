import { inArray, sql, type SQL } from "drizzle-orm";
import { orders } from "@/lib/db/schema";
import { OPEN_STATUSES } from "./status";

/** The database's clock `ms` from now: one clock for every instance that shares the database. */
export function fromNow(ms: number): SQL {
  return sql`now() + ${Math.round(ms)}::integer * interval '1 millisecond'`;
}

export const isOpenOrder = inArray(orders.status, [...OPEN_STATUSES]);
