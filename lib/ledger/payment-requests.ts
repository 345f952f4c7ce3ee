import "server-only";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { guarded } from "@/lib/db/errors";
import { orders, paymentRequests } from "@/lib/db/schema";
import { OrderId, parse, Sealed } from "./inputs";
import { fromNow, isOpenOrder } from "./sql";

// Sealed by the caller (it may hold a card token, already spent by the first send): never opened here.

/** Bolt replays an Idempotency-Key's first answer for 24 hours; after that a resend could charge again. */
export const PAYMENT_REQUEST_TTL_MS = 24 * 60 * 60_000;

/** The first request kept is the one resent: a second call keeps nothing and answers false. */
export async function putPaymentRequest(db: Database, orderId: string, sealed: string): Promise<boolean> {
  const id = parse("order id", OrderId, orderId);
  const value = parse("sealed request", Sealed, sealed);
  return guarded("keep the payment request", () =>
    db.transaction(async (tx) => {
      const [open] = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.id, id), isOpenOrder))
        .for("update");
      if (!open) return false;
      const kept = await tx
        .insert(paymentRequests)
        .values({ orderId: id, sealed: value, expiresAt: fromNow(PAYMENT_REQUEST_TTL_MS) })
        .onConflictDoNothing()
        .returning({ orderId: paymentRequests.orderId });
      return kept.length === 1;
    }),
  );
}

/** The sealed request to resend, while Bolt still remembers its key at `now`; null otherwise. It stays kept. */
export async function takePaymentRequest(
  db: Database,
  orderId: string,
  now: Date = new Date(),
): Promise<string | null> {
  const id = parse("order id", OrderId, orderId);
  return guarded("read the payment request", async () => {
    const [request] = await db
      .select({ sealed: paymentRequests.sealed })
      .from(paymentRequests)
      .where(and(eq(paymentRequests.orderId, id), gt(paymentRequests.expiresAt, now)));
    return request?.sealed ?? null;
  });
}

export async function sweepExpiredRequests(db: Database, now: Date = new Date()): Promise<number> {
  return guarded("sweep expired payment requests", async () => {
    const swept = await db
      .delete(paymentRequests)
      .where(lte(paymentRequests.expiresAt, now))
      .returning({ orderId: paymentRequests.orderId });
    return swept.length;
  });
}

export type KeptBySealingId = { sealingId: string; requests: number; keptUntil: Date };

/**
 * The requests still kept, by the password id that sealed them (a seal's second `*`-separated field, in
 * every format the storefront has sealed with), and when the last of each is let go: until then,
 * retiring that id leaves those orders' requests unreadable.
 */
export async function keptRequestsBySealingId(db: Database, now: Date = new Date()): Promise<KeptBySealingId[]> {
  return guarded("count the kept payment requests", async () => {
    const sealingId = sql<string>`split_part(${paymentRequests.sealed}, '*', 2)`;
    const rows = await db
      .select({
        sealingId,
        requests: sql<number>`count(*)::int`,
        keptUntil: sql<Date | string>`max(${paymentRequests.expiresAt})`,
      })
      .from(paymentRequests)
      .where(gt(paymentRequests.expiresAt, now))
      .groupBy(sealingId)
      .orderBy(sealingId);
    return rows.map((row) => ({ ...row, keptUntil: new Date(row.keptUntil) }));
  });
}
