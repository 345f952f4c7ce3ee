// A throwaway redis-server for tests and the bench: loopback only, no persistence, its own port.
import { spawn, spawnSync } from "node:child_process";
import { connect, createServer } from "node:net";

export const REDIS_INSTALL_HINT =
  "redis-server was not found. Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) and retry.";

export function hasRedisServer() {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/** A port the OS says is free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server answers PING. */
async function waitForPong(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.setTimeout(500, () => socket.destroy());
      socket.once("error", () => resolve(false));
      socket.once("close", () => resolve(false));
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().startsWith("+PONG"));
      });
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer within ${timeoutMs} ms`);
}

/**
 * Starts redis-server on `port` (a free one by default). `stop()` ends it, `start()` brings it back
 * on the same port (an outage and a recovery), `pause()`/`resume()` freeze it (a Redis that
 * accepts connections but never answers).
 */
export async function startRedis({ port } = {}) {
  if (!hasRedisServer()) throw new Error(REDIS_INSTALL_HINT);
  const chosen = port ?? (await freePort());
  let child;
  const redis = {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    async start() {
      child = spawn(
        "redis-server",
        ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"],
        { stdio: "ignore" },
      );
      await waitForPong(chosen, 10_000);
    },
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGCONT");
      child.kill("SIGTERM");
      await exited;
    },
    pause() {
      child?.kill("SIGSTOP");
    },
    resume() {
      child?.kill("SIGCONT");
    },
  };
  await redis.start();
  return redis;
}
