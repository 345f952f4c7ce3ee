// Figure 9: what Redis as the shared store costs a shopper, against the default in-memory store.
import { startLedgerPostgres } from "../../tests/support/postgres-server.mjs";
import { freePort, startRedis } from "../../tests/support/redis-server.mjs";
import { APP_URL } from "../env.mjs";
import { ADDRESS_MARKER, createCodes, getPage, signedInCookies, signIn } from "../shop.mjs";
import { percentile, row } from "../stats.mjs";
import { startStorefront } from "../storefront.mjs";
import { timed } from "../timing.mjs";

const WARM_UP = 30;

/** `count` pairs, alternating which side goes first, so drift hits both alike. */
async function pairs(count, memorySide, redisSide) {
  const memory = [];
  const redis = [];
  for (let i = 0; i < count; i++) {
    const one = async () => memory.push(await timed(() => memorySide(i)));
    const other = async () => redis.push(await timed(() => redisSide(i)));
    if (i % 2) await other().then(one);
    else await one().then(other);
  }
  return { memory, redis };
}

export async function sharedStateFigure({ plan }) {
  const { reps, pairs: count } = plan.sharedState;
  const redisServer = await startRedis();
  // Production refuses Redis without a shared Postgres; neither figure here writes to the ledger.
  const postgres = await startLedgerPostgres();
  const withRedis = await startStorefront({
    name: "storefront-redis",
    port: await freePort(),
    env: { REDIS_URL: redisServer.url, DATABASE_URL: postgres.url },
  });
  try {
    const storefronts = { memory: APP_URL, redis: withRedis.url };
    const exchange = async (n) => {
      const codes = await createCodes(2 * n);
      return pairs(
        n,
        (i) => signIn(codes[2 * i], storefronts.memory),
        (i) => signIn(codes[2 * i + 1], storefronts.redis),
      );
    };
    const [memoryShopper, redisShopper] = [
      await signedInCookies(storefronts.memory),
      await signedInCookies(storefronts.redis),
    ];
    const checkout = (storefront, cookie) => async () => {
      const { html } = await getPage("/checkout", cookie, storefront);
      if (!html.includes(ADDRESS_MARKER)) throw new Error(`/checkout on ${storefront} rendered without addresses`);
    };
    const render = (n) =>
      pairs(n, checkout(storefronts.memory, memoryShopper.cookie), checkout(storefronts.redis, redisShopper.cookie));
    // Warm-up, so the Redis storefront (started for this figure) is as warm as the bench's own one:
    // modules, JIT, the JWKS cache, connection pools and the Redis connection.
    await exchange(WARM_UP);
    await render(WARM_UP);
    const runs = [];
    for (let rep = 0; rep < reps; rep++) runs.push({ exchange: await exchange(count), render: await render(count) });
    const p50 = (pick, side) => runs.map((run) => percentile(pick(run)[side], 0.5));
    return {
      id: "shared-state",
      title: "9. Shared state in Redis: what it costs, against the in-memory default",
      how:
        `Two storefronts of the same build side by side: the bench's own (shared state in memory) and one with ` +
        `REDIS_URL pointing at a local redis-server (no persistence). ${count} pairs per run, each pair back to ` +
        `back, alternating which storefront goes first; ${reps} run(s) after a warm-up. Sign-in: POST ` +
        `/api/bolt/session with a fresh code (Redis: the per-IP limit is off without a trusted header, so the ` +
        `budget counter, the code claim and the sealed outcome: three round trips). Render: signed-in /checkout ` +
        `with its GET /v1/account (Redis: the logout denylist read, in the proxy and again in the render).`,
      rows: [
        ["sign-in p50, Redis", (run) => run.exchange],
        ["signed-in /checkout p50, Redis", (run) => run.render],
      ].map(([metric, pick]) =>
        row({
          metric,
          unit: "ms",
          values: p50(pick, "redis"),
          references: p50(pick, "memory"),
          referenceLabel: "in memory",
        }),
      ),
      notes: [],
    };
  } finally {
    await withRedis.stop();
    await redisServer.stop();
    await postgres.stop();
  }
}
