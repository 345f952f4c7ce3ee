import "server-only";
import { BoltError, getTransaction } from "@/lib/bolt";
import { getDatabase } from "@/lib/db";
import { UNTIMED, type BoltWait } from "@/lib/http/server-timing";
import {
  applyTransaction,
  dueForSync,
  getOrder,
  OrderNotFoundError,
  postponeSync,
  type AppliedTransaction,
} from "@/lib/ledger";
import { SettlementRefusedError } from "./errors";

/** After a failed re-read, the next try waits this long. */
const RETRY_SYNC_MS = 5 * 60_000;

/** An event only when something changed; `timing` counts the desk's "Refresh from Bolt" read apart. */
export async function syncOrder(orderId: string, timing: BoltWait = UNTIMED): Promise<AppliedTransaction> {
  const db = await getDatabase();
  const order = await getOrder(db, orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  const { boltReference } = order;
  if (!boltReference) {
    throw new SettlementRefusedError(`Order ${order.id} has no payment at Bolt yet.`, "no_payment");
  }
  const view = await timing.bolt(() => getTransaction(boltReference));
  return applyTransaction(db, order.id, view, {
    source: "reconciler",
    eventType: "sync",
    onlyIfChanged: true,
    recheckInMs: null,
  });
}

export type SyncRound = { synced: number; failed: number };

/** Settled orders whose webhook was applied without Bolt's re-read (it failed, or the instance stopped). */
export async function syncDueOrders(limit = 20): Promise<SyncRound> {
  const db = await getDatabase();
  const due = await dueForSync(db, new Date(), limit);
  let synced = 0;
  let failed = 0;
  for (const order of due) {
    try {
      await syncOrder(order.id);
      synced++;
    } catch (error) {
      if (!(error instanceof BoltError)) throw error;
      failed++;
      await postponeSync(db, order.id, RETRY_SYNC_MS);
    }
  }
  return { synced, failed };
}
