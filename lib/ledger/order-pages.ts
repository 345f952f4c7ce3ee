import "server-only";
import { and, asc, desc, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { guarded } from "@/lib/db/errors";
import { orders } from "@/lib/db/schema";
import { ORDER_COLUMNS, type Order } from "./types";

export type OrderPage = {
  orders: Order[];
  /** Pass as `before` for the next, older page; null on the last one. */
  next: string | null;
  /** Pass as `after` for the previous, newer page; null on the first one. */
  previous: string | null;
};

type Listing = {
  operation: string;
  /** Which orders the list holds. */
  matching: SQL | undefined;
  /** Narrows the cursor's own row (alias `o`), so another shopper's id matches nothing. */
  cursorScope: SQL;
  limit: number;
  before?: string;
  after?: string;
};

/** Newest first, paged on (created_at, id), compared in the database at the timestamps' full precision. */
export function pageOfOrders(db: Database, listing: Listing): Promise<OrderPage> {
  const { matching, cursorScope, limit, before, after } = listing;
  const position = sql`(${orders.createdAt}, ${orders.id})`;
  const at = (id: string) => sql`(select o.created_at, o.id from ${orders} o where o.id = ${id} ${cursorScope})`;
  const olderThan = (id: string) => sql`${position} < ${at(id)}`;
  const newerThan = (id: string) => sql`${position} > ${at(id)}`;
  const anyWhere = async (condition: SQL) =>
    (await db.select({ id: orders.id }).from(orders).where(and(matching, condition)).limit(1)).length > 0;

  return guarded(listing.operation, async () => {
    if (after === undefined) {
      const rows = await db
        .select(ORDER_COLUMNS)
        .from(orders)
        .where(and(matching, before ? olderThan(before) : undefined))
        .orderBy(desc(orders.createdAt), desc(orders.id))
        .limit(limit + 1);
      const shown = rows.slice(0, limit);
      const newest = shown[0];
      return {
        orders: shown,
        next: rows.length > limit ? shown.at(-1)!.id : null,
        previous: before && newest && (await anyWhere(newerThan(newest.id))) ? newest.id : null,
      };
    }
    const rows = await db
      .select(ORDER_COLUMNS)
      .from(orders)
      .where(and(matching, newerThan(after)))
      .orderBy(asc(orders.createdAt), asc(orders.id))
      .limit(limit + 1);
    const shown = rows.slice(0, limit).reverse();
    const oldest = shown.at(-1);
    return {
      orders: shown,
      next: oldest && (await anyWhere(olderThan(oldest.id))) ? oldest.id : null,
      previous: rows.length > limit ? shown[0]!.id : null,
    };
  });
}
