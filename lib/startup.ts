import "server-only";
import { EnvError, getEnv } from "@/lib/env";
import { CspManifestError, getStaticPages } from "@/lib/http/csp-manifest";
import { getKv } from "@/lib/kv";
import { logSecurityEvent } from "@/lib/log/security-events";

// Start-up checks, run by instrumentation.ts on the Node runtime only (they may end the process).

/**
 * Runs a check; when it throws the expected error, prints its message (which names the fix) and stops
 * the server, rather than failing the first shopper's request. Anything else throws.
 */
function exitOn(Expected: new (...args: never[]) => Error, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof Expected)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}

/** A variable missing or malformed, named with its fix. */
export function exitOnBadEnv(): void {
  exitOn(EnvError, getEnv);
}

/** A production build made with `next build` alone lacks the static pages' script hashes. */
export function exitOnMissingCspManifest(): void {
  exitOn(CspManifestError, getStaticPages);
}

/**
 * Opens the Redis connection while the server starts, so the first shopper's request does not pay for
 * it. A Redis that is down is only logged: each feature has its fallback, and the client reconnects.
 */
export async function connectKv(): Promise<void> {
  if (!getEnv().redisUrl) return;
  await getKv()
    .get("startup")
    .catch(() => logSecurityEvent({ event: "store_unavailable", use: "startup", fallback: "reconnecting" }));
}
