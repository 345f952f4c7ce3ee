import type { ChildProcess } from "node:child_process";
import { startProcess, waitForUrl } from "@/scripts/processes.mjs";
import { freePort } from "@/tests/support/redis-server.mjs";
import { TEST_SERVER, testAppEnv } from "@/tests/support/test-env.mjs";

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
