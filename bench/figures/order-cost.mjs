// Figure 14: what placing an order costs the storefront itself, Bolt's time left out (Server-Timing),
// on PGlite and on Postgres, against the money path before the ledger (see `--orders-before` in run.mjs).
import { percentile, budget, row } from "../stats.mjs";
import { expectPlaced, makeShoppers, placeOrder, startOrderStorefront } from "../orders.mjs";

const MAX_DELTA_MS = { pglite: 5, postgres: 3 };

/** Sequential clicks, each storefront in turn and the turn rotated, so drift and warmth hit all alike. */
async function measureRun(storefronts, orders) {
  const shoppers = new Map();
  for (const storefront of storefronts) shoppers.set(storefront, await makeShoppers(storefront, orders));
  const own = new Map(storefronts.map((storefront) => [storefront, []]));
  const bolt = new Map(storefronts.map((storefront) => [storefront, []]));
  for (let i = 0; i < orders; i++) {
    for (let k = 0; k < storefronts.length; k++) {
      const storefront = storefronts[(i + k) % storefronts.length];
      const answer = expectPlaced(storefront, await placeOrder(storefront, shoppers.get(storefront)[i]));
      if (!answer.timing) throw new Error(`${storefront.name}: the order's answer has no Server-Timing`);
      own.get(storefront).push(answer.timing.app);
      bolt.get(storefront).push(answer.timing.bolt);
    }
  }
  return { own, bolt };
}

export async function orderCostFigure({ plan, ordersBefore: before }) {
  const { reps, orders, warmup } = plan.orderCost;
  const storefronts = [];
  try {
    storefronts.push(await startOrderStorefront({ name: "orders-pglite", database: "pglite" }));
    storefronts.push(await startOrderStorefront({ name: "orders-postgres", database: "postgres" }));
    if (before)
      storefronts.push(await startOrderStorefront({ name: "orders-before", database: "pglite", cwd: before.dir }));
    const [pglite, postgres, previous] = storefronts;
    await measureRun(storefronts, warmup);
    const runs = [];
    for (let rep = 0; rep < reps; rep++) runs.push(await measureRun(storefronts, orders));

    const of = (storefront, q, side = "own") => runs.map((run) => percentile(run[side].get(storefront), q));
    const referenceLabel = previous ? `the money path before the ledger, at ${before.ref}` : undefined;
    const rowsFor = (storefront, label) => [
      row({
        metric: `own work per order (Server-Timing), p50, ${label}`,
        unit: "ms",
        values: of(storefront, 0.5),
        ...(previous ? { references: of(previous, 0.5), referenceLabel } : {}),
        budget: previous
          ? budget(
              `≤ +${MAX_DELTA_MS[storefront.database]} ms over the path before (median)`,
              "delta",
              "median",
              "<=",
              MAX_DELTA_MS[storefront.database],
            )
          : undefined,
      }),
      row({
        metric: `own work per order (Server-Timing), p95, ${label}`,
        unit: "ms",
        values: of(storefront, 0.95),
        ...(previous ? { references: of(previous, 0.95), referenceLabel, compare: "delta" } : {}),
      }),
    ];
    const boltMedian = (storefront) => percentile(of(storefront, 0.5, "bolt"), 0.5).toFixed(1);
    return {
      id: "order-cost",
      title: "14. Own work per order (Server-Timing), against the money path before the ledger",
      how:
        `${orders} orders per storefront and run, after ${warmup} to warm up, each by a shopper of its own made ` +
        `beforehand: every other one a guest paying with a new card token, the rest Bolt shoppers paying with a ` +
        `saved card in one click. Each is one click of "Place order": the checkout's server action over HTTP, ` +
        `sequential, the storefronts taking turns. The storefront's own work is its Server-Timing app;dur, the ` +
        `action's time less its wait on Bolt (the account read and the authorize): the cart, the ledger (the ` +
        `order and its sealed request written before the send, Bolt's answer after it), sealing, cookies. Each ` +
        `storefront is this build on its own port: on PGlite, on a local Postgres the bench starts (fsync off, ` +
        `loopback)` +
        (previous
          ? `, and the build of ${before.ref} (by default the commit before the ledger, whose checkout sent the ` +
            `order from the cart straight to Bolt), with the same two Server-Timing measurements added where it ` +
            `had none (bench/before/server-timing.patch).`
          : `. A full run also measures the commit before the ledger (--orders-before=<ref> names another).`),
      rows: [...rowsFor(pglite, "PGlite"), ...rowsFor(postgres, "Postgres")],
      notes: [
        `Bolt's time per order (bolt;dur, median of the runs' p50): PGlite ${boltMedian(pglite)} ms, Postgres ` +
          `${boltMedian(postgres)} ms${previous ? `, before the ledger ${boltMedian(previous)} ms` : ""}.`,
      ],
    };
  } finally {
    await Promise.all(storefronts.map((storefront) => storefront.stop()));
  }
}
