import "server-only";
import type { Database } from "@/lib/db/client";
import { LedgerUnavailableError } from "@/lib/db/errors";
import { errorFields, log } from "@/lib/log/logger";
import { claimSend, dueForCheck, recordAnswer, stopChecking } from "./answers";
import type { Answer } from "./inputs";
import { sweepExpiredRequests, takePaymentRequest } from "./payment-requests";
import type { Order } from "./types";
import { keepUnwrittenAnswer, takeUnwrittenAnswers } from "./unwritten";

// Learns the answers the checkout never wrote (an instance died, the database failed, Bolt timed out).

export type ReconcilerDeps = {
  db: Database;
  /** Longer than the slowest Bolt call it covers. */
  lockMs: number;
  readTransaction(order: Order, reference: string): Promise<Answer>;
  /**
   * Why not, when the API key alone can't resend it: a signed-in shopper's payment needs their token, and
   * one sealed with a retired password can't be opened; both wait for the checkout or a webhook.
   */
  prepareResend(order: Order, sealed: string): Promise<(() => Promise<Answer>) | { unsent: string }>;
  batch?: number;
};

const STOP_REASON = "Bolt no longer remembers the payment's key and no reference is known";

export type RoundReport = { written: number; checked: number };

export async function reconcileOnce(deps: ReconcilerDeps, now: Date = new Date()): Promise<RoundReport> {
  const written = await writeUnwritten(deps.db);
  await sweepExpiredRequests(deps.db, now);
  const due = await dueForCheck(deps.db, now, deps.batch ?? 50);
  let checked = 0;
  for (const order of due) {
    try {
      if (await checkOrder(order, deps, now)) checked += 1;
    } catch (error) {
      // One order's trouble doesn't hold up the others; the next round tries again.
      log.warn("reconciler: checking an order failed", { orderId: order.id, ...errorName(error) });
    }
  }
  return { written, checked };
}

async function writeUnwritten(db: Database): Promise<number> {
  let written = 0;
  for (const [orderId, answer] of takeUnwrittenAnswers()) {
    try {
      await recordAnswer(db, orderId, answer, { source: "bolt" });
      written += 1;
    } catch (error) {
      // Kept only while the database is the trouble; an answer it refuses would be refused forever.
      if (error instanceof LedgerUnavailableError) keepUnwrittenAnswer(orderId, answer);
      else log.warn("reconciler: the ledger refused a kept answer", { orderId, ...errorName(error) });
    }
  }
  return written;
}

/** False: another instance holds it, or nothing could be done. */
async function checkOrder(order: Order, deps: ReconcilerDeps, now: Date): Promise<boolean> {
  const { db, lockMs } = deps;
  if (order.boltReference) {
    if (!(await claimSend(db, order.id, lockMs, { type: "checked", source: "reconciler" }))) return false;
    await record(db, order.id, await deps.readTransaction(order, order.boltReference));
    return true;
  }
  const sealed = await takePaymentRequest(db, order.id, now);
  if (sealed === null) {
    await stopChecking(db, order.id, STOP_REASON);
    return false;
  }
  const resend = await deps.prepareResend(order, sealed);
  if (typeof resend !== "function") {
    if (!(await claimSend(db, order.id, lockMs, { type: "checked", source: "reconciler" }))) return false;
    await record(db, order.id, { kind: "unconfirmed", reason: resend.unsent });
    return true;
  }
  if (!(await claimSend(db, order.id, lockMs, { type: "resent", source: "reconciler" }))) return false;
  await record(db, order.id, await resend());
  return true;
}

/** The error's name only: a driver's message can quote the values it failed on. */
function errorName(error: unknown) {
  return { error: errorFields(error).error };
}

function record(db: Database, orderId: string, answer: Answer) {
  return recordAnswer(db, orderId, answer, { source: answer.kind === "unconfirmed" ? "reconciler" : "bolt" });
}

const LOOP = Symbol.for("storefront.ledger.reconciler");
type Loop = {
  /** Resolves once a round under way has ended. */
  stop(): Promise<void>;
};
type Holder = { [LOOP]?: Loop };
const holder = globalThis as Holder;

/** Each wait is jittered by half so that instances started together drift apart; one loop per process. */
export function startReconciler({ intervalMs, round }: { intervalMs: number; round: () => Promise<unknown> }): Loop {
  if (holder[LOOP]) return holder[LOOP];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(tick, intervalMs * (0.5 + Math.random()));
    timer.unref();
  };
  const tick = () => {
    running = round()
      .catch((error: unknown) => log.warn("reconciler: the round failed", errorName(error)))
      .finally(schedule);
  };
  schedule();
  const loop = {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      delete holder[LOOP];
      await running;
    },
  };
  holder[LOOP] = loop;
  return loop;
}
