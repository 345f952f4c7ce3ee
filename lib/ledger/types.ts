import { getTableColumns } from "drizzle-orm";
import { orderEvents, orders } from "@/lib/db/schema";

type Hidden = "checkoutIdHash" | "guestKeyHash";
const HIDDEN: readonly string[] = ["checkoutIdHash", "guestKeyHash"] satisfies Hidden[];

/** An order as the ledger hands it out: every column but the hashes it files the order under. */
export type Order = Omit<typeof orders.$inferSelect, Hidden>;
export type OrderEvent = typeof orderEvents.$inferSelect;

const columns = getTableColumns(orders);
export const ORDER_COLUMNS = Object.fromEntries(
  Object.entries(columns).filter(([name]) => !HIDDEN.includes(name)),
) as Omit<typeof columns, Hidden>;
