// Child-process plumbing shared by the dev runner, the test runner and the benchmarks.
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { createServer } from "node:net";

const children = new Set();

/**
 * Starts a long-running child in its own process group, so stopping it also stops what it spawned
 * (npx → tsx → node, next → its workers) and Ctrl-C leaves nothing running.
 */
export function startProcess(name, command, args, env = {}, { onExit, logFile, cwd } = {}) {
  // A log file keeps the child independent of our event loop, which a synchronous step may block.
  const log = logFile ? openSync(logFile, "a") : "pipe";
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", log, log],
  });
  if (!logFile) {
    const prefix = `[${name}] `;
    const forward = (stream, out) =>
      stream.on("data", (chunk) => {
        for (const line of chunk.toString().split("\n")) if (line.trim()) out.write(prefix + line + "\n");
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
  }
  const entry = { name, child, exited: false };
  children.add(entry);
  child.on("exit", (code) => {
    entry.exited = true;
    children.delete(entry);
    if (onExit) onExit(code);
  });
  return child;
}

/** Stops one child started by startProcess, and everything it spawned. */
export async function stopProcess(child) {
  const entry = [...children].find((candidate) => candidate.child === child);
  if (!entry) return;
  children.delete(entry);
  await stopGroup(entry);
}

export async function stopAll() {
  const running = [...children];
  children.clear();
  await Promise.all(running.map(stopGroup));
}

async function stopGroup(entry) {
  if (entry.exited) return;
  const exited = new Promise((resolve) => entry.child.once("exit", resolve));
  signalGroup(entry.child, "SIGTERM");
  // The leader may exit first (npm before the script it runs, which is still stopping its own children):
  // the group gets the time to finish, and only what is left after it is killed.
  const deadline = Date.now() + 5000;
  while (groupAlive(entry.child) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  signalGroup(entry.child, "SIGKILL");
  await exited;
}

function groupAlive(child) {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function waitForUrl(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${url}`);
}

export function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", () =>
      reject(
        new Error(`Port ${port} is already in use; it is needed for ${what}. Stop whatever is using it and retry.`),
      ),
    );
    server.listen(port, () => server.close(resolve));
  });
}
