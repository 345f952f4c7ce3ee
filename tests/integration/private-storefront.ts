import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { startProcess, stopProcess, waitForUrl } from "@/scripts/processes.mjs";
import { freePort } from "@/tests/support/redis-server.mjs";
import { TEST_OUTPUT, testAppEnv, webhookUrl } from "@/tests/support/test-env.mjs";

// A storefront of the test build (`next start`) that one test file owns: its own port, ledger and
// Bolt, so the file can read its ledger, stop it and start it again without touching the shared
// test servers.

export type PrivateStorefront = {
  url: string;
  /** Where Bolt delivers its webhooks. */
  webhookUrl: string;
  /** Starts it (again) with the test build's environment and `env`, and waits until it answers. */
  start(env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
};

/** Its port is chosen now, so that Bolt (an emulator) can be told its webhook URL before it starts. */
export async function privateStorefront(name: string): Promise<PrivateStorefront> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  let child: ChildProcess | undefined;
  return {
    url,
    webhookUrl: webhookUrl(url),
    async start(env) {
      mkdirSync(TEST_OUTPUT, { recursive: true });
      child = startProcess(
        name,
        "npx",
        ["next", "start", "-p", String(port)],
        { ...testAppEnv, PORT: String(port), APP_ORIGIN: url, ...env },
        { logFile: `${TEST_OUTPUT}/${name}.log` },
      );
      await waitForUrl(`${url}/api/health`, 60_000);
    },
    async stop() {
      if (child) await stopProcess(child);
      child = undefined;
    },
  };
}
