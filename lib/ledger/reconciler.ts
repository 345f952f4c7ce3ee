import "server-only";
import type { Database } from "@/lib/db/client";
import { LedgerUnavailableError } from "@/lib/db/errors";
import { errorFields, log } from "@/lib/log/logger";
import { claimSend, dueForCheck, recordAnswer, stopChecking } from "./answers";
import type { Answer } from "./inputs";
import { sweepExpiredRequests, takePaymentRequest } from "./payment-requests";
import type { Order } from "./types";
import { keepUnwrittenAnswer, takeUnwrittenAnswers } from "./unwritten";

// Each instance runs one: it learns the answers the checkout never wrote (an instance died mid-payment,
// the database failed just then, Bolt timed out). claimSend keeps two instances, or an instance and a
// shopper's click, from working on one order at once.

export type ReconcilerDeps = {
  db: Database;
  /** A claim: longer than the slowest Bolt call it covers. */
  lockMs: number;
  /** Bolt's transaction as it is now, as an answer (unconfirmed while Bolt has not decided). */
  readTransaction(order: Order, reference: string): Promise<Answer>;
  /**
   * How to send the sealed request again with the API key alone, or null when it can't be: a signed-in
   * shopper's payment needs their token, so it waits for their next visit to the checkout (or a
   * webhook), as does one sealed with a password since retired.
   */
  prepareResend(order: Order, sealed: string): Promise<(() => Promise<Answer>) | null>;
  /** Orders looked at per round. */
  batch?: number;
};

/** Bolt's memory of the key is gone and no reference is known: nothing more can be learned here. */
const STOP_REASON = "Bolt no longer remembers the payment's key and no reference is known";

export type RoundReport = { written: number; checked: number };

/** One round: the answers this process could not write, then each order due for a check. */
export async function reconcileOnce(deps: ReconcilerDeps, now: Date = new Date()): Promise<RoundReport> {
  const written = await writeUnwritten(deps.db);
  await sweepExpiredRequests(deps.db, now);
  const due = await dueForCheck(deps.db, now, deps.batch ?? 50);
  let checked = 0;
  for (const order of due) {
    try {
      if (await checkOrder(order, deps, now)) checked += 1;
    } catch (error) {
      // The next round tries again; one order's trouble doesn't hold up the others.
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

/** Whether this instance looked at the order (false: another holds it, or nothing could be done). */
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
  if (!resend) {
    if (!(await claimSend(db, order.id, lockMs, { type: "checked", source: "reconciler" }))) return false;
    await record(db, order.id, { kind: "unconfirmed", reason: "can be sent again only from the shopper's checkout" });
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
  /** No round starts after this; resolves once a round under way has ended. */
  stop(): Promise<void>;
};
type Holder = { [LOOP]?: Loop };
const holder = globalThis as Holder;

/**
 * Runs `round` about every `intervalMs`, each wait drawn between half and one and a half times it so
 * that instances started together drift apart. One loop per process; rounds never overlap. Its timers
 * don't keep the process alive.
 */
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
