import "server-only";
import { reconcilerDeps } from "@/lib/checkout/reconcile";
import { warnOfRetiredPasswords } from "@/lib/checkout/retired-passwords";
import { closeDatabase, getDatabase, LedgerUnavailableError, SchemaBehindError } from "@/lib/db";
import { EnvError, getEnv } from "@/lib/env";
import { CspManifestError, getStaticPages } from "@/lib/http/csp-manifest";
import { closeKv, getKv } from "@/lib/kv";
import { reconcileOnce, startReconciler } from "@/lib/ledger/reconciler";
import { syncDueOrders } from "@/lib/settlement";
import { stopOnSignals } from "@/lib/lifecycle/shutdown";
import { errorFields, log } from "@/lib/log/logger";
import { logSecurityEvent } from "@/lib/log/security-events";
import type { Tracing } from "@/lib/telemetry/start";

/** The message names each problem and its fix, so it is the line's message, whole. */
function stopStarting(error: Error): never {
  log.error(error.message, { error: error.name });
  process.exit(1);
}

/** Rather than failing a shopper's request. */
function exitOn(Expected: new (...args: never[]) => Error, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof Expected)) throw error;
    stopStarting(error);
  }
}

export function exitOnBadEnv(): void {
  exitOn(EnvError, getEnv);
}

/** A build made without the storefront's adapter, or another build's folder, lacks the static pages' script hashes. */
export function exitOnMissingCspManifest(): void {
  exitOn(CspManifestError, getStaticPages);
}

/** So the first request doesn't pay for it. A Redis that is down is only logged: each feature has a fallback. */
export async function connectKv(): Promise<void> {
  if (!getEnv().redisUrl) return;
  await getKv()
    .get("startup")
    .catch(() => logSecurityEvent({ event: "store_unavailable", use: "startup", fallback: "reconnecting" }));
}

/**
 * A schema that is behind stops start-up with the command to run; an unreachable server is only
 * logged, as a restart would not fix it. So is a password retired while it still seals open orders.
 */
export async function openLedger(): Promise<void> {
  try {
    await warnOfRetiredPasswords(await getDatabase());
  } catch (error) {
    if (error instanceof SchemaBehindError) stopStarting(error);
    if (!(error instanceof LedgerUnavailableError)) throw error;
    log.warn("ledger: the database did not open; retrying on the first order", errorFields(error));
  }
}

export function startOrderReconciler(): { stop(): Promise<void> } {
  const env = getEnv();
  return startReconciler({
    intervalMs: env.reconcileIntervalMs,
    round: async () => {
      await reconcileOnce(reconcilerDeps(await getDatabase(), env));
      await syncDueOrders();
    },
  });
}

/**
 * Next's own SIGTERM handler stands aside only when NEXT_MANUAL_SIG_HANDLE is set (`npm start` and the
 * image set it); otherwise it exits as soon as its server has closed, with the ledger left open.
 */
export function stopGracefully(reconciler: { stop(): Promise<void> }, tracing: Tracing | undefined): void {
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    if (process.env.NODE_ENV === "production") {
      log.warn("NEXT_MANUAL_SIG_HANDLE is not set: on SIGTERM the ledger is not closed and requests have no deadline");
    }
    return;
  }
  stopOnSignals({
    stopBackgroundWork: () => reconciler.stop(),
    release: { database: closeDatabase, redis: closeKv, tracing: async () => tracing?.shutdown() },
  });
}
