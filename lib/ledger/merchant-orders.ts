import "server-only";
import { and, eq, like, or, sql, type SQL } from "drizzle-orm";
import * as z from "zod";
import type { Database } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { OrderId, parse } from "./inputs";
import { isOrderId } from "./order-id";
import { pageOfOrders, type OrderPage } from "./order-pages";
import { ORDER_STATUSES } from "./status";

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
  return pageOfOrders(db, { operation: "list the orders", matching, cursorScope: sql``, limit, before, after });
}
