import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopProcess } from "@/scripts/processes.mjs";
import { startLedgerPostgres } from "@/tests/support/postgres-server.mjs";
import { startRedis } from "@/tests/support/redis-server.mjs";
import { startStorefront, type Storefront } from "./storefront";

// /api/ready, as a balancer or orchestrator asks it, on an instance with its own Postgres and Redis that
// the test stops one after the other; /api/health, liveness, answers throughout.

let postgres: Awaited<ReturnType<typeof startLedgerPostgres>>;
let redis: Awaited<ReturnType<typeof startRedis>>;
let storefront: Storefront;

beforeAll(async () => {
  postgres = await startLedgerPostgres();
  redis = await startRedis();
  storefront = await startStorefront(
    { DATABASE_URL: postgres.url, REDIS_URL: redis.url },
    ".test-run/cluster-readiness.log",
  );
});

afterAll(async () => {
  await stopProcess(storefront?.child);
  await redis?.stop();
  await postgres?.stop();
});

async function ask(path: string) {
  const response = await fetch(`${storefront.url}${path}`);
  return { status: response.status, cache: response.headers.get("cache-control"), text: await response.text() };
}

describe("readiness", () => {
  it("answers 200 while the database and Redis answer, 503 naming each that does not, and never its settings", async () => {
    expect(await ask("/api/ready")).toEqual({ status: 200, cache: "no-store", text: '{"ready":true}' });

    await redis.stop();
    expect(await ask("/api/ready")).toMatchObject({ status: 503, text: '{"ready":false,"failing":["redis"]}' });

    await postgres.stop();
    const both = await ask("/api/ready");
    expect(both).toMatchObject({ status: 503, text: '{"ready":false,"failing":["database","redis"]}' });
    expect(both.text).not.toMatch(/postgres|redis:|localhost|127\.0\.0\.1|\d{4,5}/);

    expect((await ask("/api/health")).status).toBe(200);
  }, 60_000);
});
