import "server-only";
import { BoltError, getTransaction } from "@/lib/bolt";
import type { Database } from "@/lib/db/client";
import { getDatabase } from "@/lib/db";
import { UNTIMED, type BoltWait } from "@/lib/http/server-timing";
import {
  applyTransaction,
  claimDueForSync,
  getOrder,
  OrderNotFoundError,
  postponeSync,
  type AppliedTransaction,
  type Order,
} from "@/lib/ledger";
import { errorFields, log } from "@/lib/log/logger";
import { afterQuiet } from "./after-quiet";
import { SettlementRefusedError } from "./errors";
import { RECHECK_AFTER_MS } from "./receive-webhook";

/** After a failed re-read, the next try waits this long. */
const RETRY_SYNC_MS = 5 * 60_000;
/** Orders re-read per round, and at once: a burst of webhooks becomes a steady trickle of reads. */
const SYNC_BATCH = 100;
const SYNC_CONCURRENCY = 4;
/** Longer than a round's reads take; a stopped instance's claims lapse after it. */
const SYNC_LEASE_MS = 5 * 60_000;

/** The desk's "Refresh from Bolt": an event only when something changed; `timing` counts the read apart. */
export async function syncOrder(orderId: string, timing: BoltWait = UNTIMED): Promise<AppliedTransaction> {
  const db = await getDatabase();
  const order = await getOrder(db, orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  return reread(db, order, timing);
}

async function reread(db: Database, order: Order, timing: BoltWait): Promise<AppliedTransaction> {
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
    seen: order,
  });
}

export type SyncRound = { synced: number; failed: number };

/**
 * The reconciler's re-read of the payments webhooks told of, as Bolt advises rather than trusting a
 * body's amounts: one read per payment however many events came about it, a few at a time.
 */
export async function syncDueOrders(now: Date = new Date()): Promise<SyncRound> {
  const db = await getDatabase();
  const due = await claimDueForSync(db, now, SYNC_BATCH, SYNC_LEASE_MS);
  const round: SyncRound = { synced: 0, failed: 0 };
  for (let start = 0; start < due.length; start += SYNC_CONCURRENCY) {
    await Promise.all(
      due.slice(start, start + SYNC_CONCURRENCY).map(async (order) => {
        try {
          await reread(db, order, UNTIMED);
          round.synced++;
        } catch (error) {
          if (!(error instanceof BoltError)) throw error;
          round.failed++;
          await postponeSync(db, order.id, RETRY_SYNC_MS);
        }
      }),
    );
  }
  return round;
}

/**
 * Re-reads the payments webhooks have just told of, once Bolt's deliveries pause for a second (ten at
 * the latest): the desk and the shopper see Bolt's account within seconds, and a burst of events is read
 * once after it, a payment at a time, rather than once per delivery during it. Whatever this misses (a
 * stop, Bolt not answering) the reconciler's rounds read when it falls due.
 */
export const rereadSoon = afterQuiet(
  () => {
    void rereadMarked().catch((error: unknown) =>
      log.warn("webhooks: re-reading the payments they told of failed; the reconciler will", errorFields(error)),
    );
  },
  { quietMs: 1_000, maxWaitMs: 10_000 },
);

/** Every order a webhook marked for a re-read, due yet or not, a batch at a time. */
async function rereadMarked(): Promise<void> {
  for (;;) {
    const { synced, failed } = await syncDueOrders(new Date(Date.now() + RECHECK_AFTER_MS));
    if (synced + failed < SYNC_BATCH) return;
  }
}
