import type { ChildProcess } from "node:child_process";
import { startBalancer } from "@/tests/support/balancer.mjs";
import { startProcess, stopProcess, waitForUrl } from "@/scripts/processes.mjs";
import { startLedgerPostgres } from "@/tests/support/postgres-server.mjs";
import { freePort, startRedis } from "@/tests/support/redis-server.mjs";
import { TEST_SERVER, testAppEnv } from "@/tests/support/test-env.mjs";

// Several instances of one production build (the test build's standalone server), behind a
// small round-robin balancer, optionally sharing a throwaway Redis: a deployment in miniature.

export type TestRedis = Awaited<ReturnType<typeof startRedis>>;
export type TestPostgres = Awaited<ReturnType<typeof startLedgerPostgres>>;

export type Cluster = {
  /** The balancer: what a shopper's browser talks to, and the storefront's APP_ORIGIN. */
  url: string;
  /** Each instance directly, for requests that must land on a given one. */
  instances: string[];
  /** Requests the balancer sent to each instance. */
  hits: number[];
  redis: TestRedis | undefined;
  /** The ledger the instances share, for tests that read it. */
  databaseUrl: string;
  /** The instances' one ledger. */
  postgres: TestPostgres;
  stop(): Promise<void>;
};

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
  // Several instances share one ledger, as in production: the embedded database serves one process.
  const postgres = await startLedgerPostgres();
  const redis = withRedis ? await startRedis() : undefined;
  const balancerPort = await freePort();
  const url = `http://localhost:${balancerPort}`;
  const ports: number[] = [];
  for (let i = 0; i < instances; i++) ports.push(await freePort());
  const children: ChildProcess[] = ports.map((port, i) =>
    startProcess(
      `instance-${i}`,
      "node",
      [TEST_SERVER],
      {
        ...testAppEnv,
        ...env,
        PORT: String(port),
        APP_ORIGIN: url,
        DATABASE_URL: postgres.url,
        ...(redis ? { REDIS_URL: redis.url } : {}),
      },
      { logFile: `${logPrefix}-instance-${i}.log` },
    ),
  );
  // It stands in for the deployment's proxy and passes headers through, so tests set the trusted
  // client-IP header themselves, as that proxy would.
  const balancer = await startBalancer(balancerPort, ports);
  const stop = async () => {
    await balancer.close();
    await Promise.all(children.map((child) => stopProcess(child)));
    await redis?.stop();
    await postgres.stop();
  };
  try {
    await Promise.all(ports.map((port) => waitForUrl(`http://localhost:${port}/api/health`, 90_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    instances: ports.map((port) => `http://localhost:${port}`),
    hits: balancer.hits,
    redis,
    databaseUrl: postgres.url,
    postgres,
    stop,
  };
}
