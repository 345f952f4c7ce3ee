import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { orderEvents as events, orders } from "@/lib/db/schema";
import { startProcess, waitForUrl } from "@/scripts/processes.mjs";
import { freePort } from "@/tests/support/redis-server.mjs";
import { TEST_SERVER, testAppEnv } from "@/tests/support/test-env.mjs";
import { bolt } from "../integration/helpers";

// One storefront of the test build (its standalone server, as deployed), on a port of its own, with
// `env` on top of the test storefront's, for tests that watch or stop that one process.

export type Storefront = {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  log: string;
};

export async function startStorefront(env: Record<string, string>, log: string, port?: number): Promise<Storefront> {
  const chosen = port ?? (await freePort());
  const url = `http://localhost:${chosen}`;
  const child = startProcess(
    `storefront-${chosen}`,
    "node",
    [TEST_SERVER],
    { ...testAppEnv, PORT: String(chosen), APP_ORIGIN: url, ...env },
    { logFile: log },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await waitForUrl(`${url}/api/health`, 90_000);
  return { url, child, exited, log };
}

/** The orders of `email` in an embedded ledger a stopped storefront left, read as its next start would. */
export async function ledgerOrdersOf(dataDir: string, email: string) {
  const handle = await openDatabase({ dataDir });
  try {
    const found = await handle.db.select().from(orders).where(eq(orders.email, email));
    const story = await Promise.all(
      found.map((order) => handle.db.select().from(events).where(eq(events.orderId, order.id)).orderBy(events.id)),
    );
    return found.map((order, i) => ({ ...order, events: story[i]!.map((event) => [event.type, event.source]) }));
  } finally {
    await handle.close();
  }
}

export const AUTHORIZE = "/v1/merchant/transactions/authorize";

/**
 * Resolves once Bolt has answered an authorize for `email` with 200 since `since`: a resend, which the
 * storefront records before a SIGTERM lets it exit. Bolt logs a request when it answers it.
 */
export async function boltAnsweredSince(email: string, since: Date, timeout: number): Promise<void> {
  await expect
    .poll(
      async () =>
        (await bolt.requests({ path: AUTHORIZE, email })).some(
          (request) => request.status === 200 && new Date(request.at) >= since,
        ),
      { timeout, interval: 250, message: `Bolt answered no authorize for ${email} within ${timeout} ms` },
    )
    .toBe(true);
}

/**
 * Whether the embedded database was shut down rather than abandoned: the cluster state Postgres keeps
 * at byte 16 of `global/pg_control` (after the system identifier and two version numbers) is 1,
 * "shut down", after a clean close, and 6, "in production", while open or after a crash.
 */
export function closedCleanly(dataDir: string): boolean {
  return readFileSync(join(dataDir, "global", "pg_control")).readUInt32LE(16) === 1;
}
