import { Agent, createServer, request as forward } from "node:http";
import type { ChildProcess } from "node:child_process";
import { startProcess, stopProcess, waitForUrl } from "@/scripts/processes.mjs";
import { freePort, startRedis } from "@/scripts/redis-server.mjs";
import { testAppEnv } from "@/scripts/test-env.mjs";

// Several `next start` instances of one production build (the test build in .next-test), behind a
// small round-robin balancer, optionally sharing a throwaway Redis: a deployment in miniature.

export type TestRedis = Awaited<ReturnType<typeof startRedis>>;

export type Cluster = {
  /** The balancer: what a shopper's browser talks to, and the storefront's APP_ORIGIN. */
  url: string;
  /** Each instance directly, for requests that must land on a given one. */
  instances: string[];
  /** Requests the balancer sent to each instance. */
  hits: number[];
  redis: TestRedis | undefined;
  stop(): Promise<void>;
};

/**
 * Stands in for the deployment's proxy. It passes every header through, so tests set the trusted
 * client-IP header themselves, as that proxy would; it alternates instances request by request.
 */
function startBalancer(port: number, targets: number[], hits: number[]) {
  const agent = new Agent({ keepAlive: true });
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const index = next++ % targets.length;
    hits[index] = (hits[index] ?? 0) + 1;
    const upstream = forward(
      {
        host: "127.0.0.1",
        port: targets[index],
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent,
      },
      (answer) => {
        // Raw headers keep every Set-Cookie line as the instance sent it.
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "Content-Type": "text/plain" });
      outgoing.end("balancer: instance unreachable");
    });
    incoming.pipe(upstream);
  });
  return new Promise<{ close: () => Promise<void> }>((resolve) =>
    server.listen(port, "127.0.0.1", () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

/** The variables every cluster instance gets on top of the test build's own. */
export type ClusterEnv = Record<string, string>;

export async function startCluster({
  instances,
  redis: withRedis,
  env,
  logPrefix,
}: {
  instances: number;
  redis: boolean;
  env: ClusterEnv;
  logPrefix: string;
}): Promise<Cluster> {
  const redis = withRedis ? await startRedis() : undefined;
  const balancerPort = await freePort();
  const url = `http://localhost:${balancerPort}`;
  const ports: number[] = [];
  for (let i = 0; i < instances; i++) ports.push(await freePort());
  const children: ChildProcess[] = ports.map((port, i) =>
    startProcess(
      `instance-${i}`,
      "npx",
      ["next", "start", "-p", String(port)],
      {
        ...testAppEnv,
        ...env,
        PORT: String(port),
        APP_ORIGIN: url,
        ...(redis ? { REDIS_URL: redis.url } : {}),
      },
      { logFile: `${logPrefix}-instance-${i}.log` },
    ),
  );
  const hits = ports.map(() => 0);
  const balancer = await startBalancer(balancerPort, ports, hits);
  const stop = async () => {
    await balancer.close();
    await Promise.all(children.map((child) => stopProcess(child)));
    await redis?.stop();
  };
  try {
    await Promise.all(ports.map((port) => waitForUrl(`http://localhost:${port}/api/health`, 90_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, instances: ports.map((port) => `http://localhost:${port}`), hits, redis, stop };
}
