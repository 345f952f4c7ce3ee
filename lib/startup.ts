import "server-only";
import { getDatabase, LedgerUnavailableError, SchemaBehindError } from "@/lib/db";
import { EnvError, getEnv } from "@/lib/env";
import { CspManifestError, getStaticPages } from "@/lib/http/csp-manifest";
import { getKv } from "@/lib/kv";
import { logSecurityEvent } from "@/lib/log/security-events";

/** Stops the server with the error's message (which names the fix) rather than failing a shopper's request. */
function exitOn(Expected: new (...args: never[]) => Error, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof Expected)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}

export function exitOnBadEnv(): void {
  exitOn(EnvError, getEnv);
}

/** A build made with `next build` alone lacks the static pages' script hashes. */
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
 * Opens the ledger (the embedded one migrates itself). A server whose schema is behind stops start-up
 * with the command to run; one that is unreachable is only logged, as a restart would not fix it.
 */
export async function openLedger(): Promise<void> {
  try {
    await getDatabase();
  } catch (error) {
    if (error instanceof SchemaBehindError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    if (!(error instanceof LedgerUnavailableError)) throw error;
    console.warn(`[ledger] ${error.message}; retrying on the first order`);
  }
}
