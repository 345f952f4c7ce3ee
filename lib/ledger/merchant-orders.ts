import "server-only";
import { and, asc, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import * as z from "zod";
import type { Database } from "@/lib/db/client";
import { guarded } from "@/lib/db/errors";
import { orders } from "@/lib/db/schema";
import { OrderId, parse } from "./inputs";
import { isOrderId } from "./order-id";
import type { OrderPage } from "./orders";
import { ORDER_STATUSES } from "./status";
import { ORDER_COLUMNS } from "./types";

export const MerchantListing = z
  .object({
    limit: z.number().int().min(1).max(100),
    status: z.enum(ORDER_STATUSES).optional(),
    /** An order id, or the start of an email (a whole email included). */
    search: z.string().trim().max(254).optional(),
    before: OrderId.optional(),
    after: OrderId.optional(),
  })
  .strict()
  .refine((page) => page.before === undefined || page.after === undefined, {
    message: "before and after are exclusive",
    path: ["after"],
  });
export type MerchantListing = z.input<typeof MerchantListing>;

/** `%` and `_` typed into the search are letters, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Any text also matches the emails that start with it, whatever its case. */
function searchOf(search: string | undefined): SQL | undefined {
  if (!search) return undefined;
  const byEmail = like(orders.email, `${escapeLike(search.toLowerCase())}%`);
  const id = search.toUpperCase();
  return isOrderId(id) ? or(eq(orders.id, id), byEmail) : byEmail;
}

/** No shopper check: never for a shopper's request. */
export async function listOrders(db: Database, listing: MerchantListing): Promise<OrderPage> {
  const { limit, status, search, before, after } = parse("listing", MerchantListing, listing);
  const matching = and(status ? eq(orders.status, status) : undefined, searchOf(search));
  // Compared in the database, at the timestamps' full precision.
  const position = sql`(${orders.createdAt}, ${orders.id})`;
  const at = (id: string) => sql`(select o.created_at, o.id from ${orders} o where o.id = ${id})`;
  const olderThan = (id: string) => sql`${position} < ${at(id)}`;
  const newerThan = (id: string) => sql`${position} > ${at(id)}`;
  const anyWhere = async (condition: SQL) =>
    (await db.select({ id: orders.id }).from(orders).where(and(matching, condition)).limit(1)).length > 0;

  return guarded("list the orders", async () => {
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
