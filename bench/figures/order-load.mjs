// Figure 15: 200 shoppers place their orders at once, on PGlite and on Postgres: every order in the
// ledger once, charged once, and how many orders a second against GET /api/health on the same server.
import { bolt, getHealth } from "../shop.mjs";
import { budget, row } from "../stats.mjs";
import { makeShoppers, placeOrder, startOrderStorefront } from "../orders.mjs";
import { inFlight } from "../timing.mjs";

/** One run: `orders` new shoppers click at once, `connections` in flight; then (or first) the health route. */
async function measureRun(storefront, { orders, connections, healthRequests }, healthFirst) {
  const shoppers = await makeShoppers(storefront, orders);
  const placed = [];
  const measureOrders = () =>
    inFlight(shoppers, connections, async (shopper) => {
      const answer = await placeOrder(storefront, shopper).catch(() => ({}));
      if (answer.orderId) placed.push(answer.orderId);
    });
  const measureHealth = () =>
    inFlight(Array.from({ length: healthRequests }), connections, () => getHealth(storefront.url));
  const healthSeconds = healthFirst ? await measureHealth() : undefined;
  const orderSeconds = await measureOrders();
  const afterSeconds = healthFirst ? healthSeconds : await measureHealth();
  return {
    emails: shoppers.map((shopper) => shopper.email),
    placed,
    ordersPerSecond: orders / orderSeconds,
    healthPerSecond: healthRequests / afterSeconds,
  };
}

/** What the ledger and Bolt hold for a run's shoppers: counted, and checked against each other. */
function tally(run, rows, charges) {
  const mine = new Set(run.emails);
  const charged = charges.filter((charge) => mine.has(charge.shopper.toLowerCase()));
  const ledger = rows.filter((order) => mine.has(order.email));
  const references = new Set(charged.map((charge) => charge.orderReference));
  const count = (values) => values.length - new Set(values).size;
  const duplicates =
    count(ledger.map((order) => order.email)) +
    count(charged.map((charge) => charge.shopper.toLowerCase())) +
    count(charged.map((charge) => charge.orderReference));
  const errors =
    run.emails.length -
    run.placed.length +
    ledger.filter((order) => order.status !== "authorized" || !references.has(order.id)).length;
  return { rows: ledger.length, transactions: charged.length, duplicates, errors };
}

export async function orderLoadFigure({ plan }) {
  const { reps, orders, connections, healthRequests } = plan.orderLoad;
  const rows = [];
  for (const [database, label] of [
    ["pglite", "PGlite"],
    ["postgres", "Postgres"],
  ]) {
    const storefront = await startOrderStorefront({ name: `orders-load-${database}`, database });
    let ledger;
    const runs = [];
    try {
      for (let rep = 0; rep < reps; rep++)
        runs.push(await measureRun(storefront, { orders, connections, healthRequests }, rep % 2 === 1));
    } finally {
      ledger = await storefront.stopAndRead({ emails: runs.flatMap((run) => run.emails) });
    }
    const charges = await bolt.orders();
    const tallies = runs.map((run) => tally(run, ledger, charges));
    const every = (text, limit) => budget(`${text} (every run)`, "value", "all", "==", limit);
    const pick = (key) => tallies.map((counts) => counts[key]);
    rows.push(
      row({
        metric: `orders per second, ${orders} shoppers over ${connections} connections, ${label}`,
        unit: "orders/s",
        values: runs.map((run) => run.ordersPerSecond),
        references: runs.map((run) => run.healthPerSecond),
        referenceLabel: `GET /api/health, ${connections} in flight, same storefront`,
      }),
      row({
        metric: `orders in the ledger, ${label}`,
        unit: "rows",
        values: pick("rows"),
        budget: every(orders, orders),
      }),
      row({
        metric: `Bolt transactions, ${label}`,
        unit: "transactions",
        values: pick("transactions"),
        budget: every(orders, orders),
      }),
      row({
        metric: `duplicates (a shopper with two orders or charges, an order charged twice), ${label}`,
        unit: "duplicates",
        values: pick("duplicates"),
        budget: every(0, 0),
      }),
      row({
        metric: `errors (a click that placed nothing, an order not authorized or not Bolt's), ${label}`,
        unit: "errors",
        values: pick("errors"),
        budget: every(0, 0),
      }),
    );
  }
  return {
    id: "order-load",
    title: `15. ${orders} orders from ${orders} shoppers at once, on PGlite and on Postgres`,
    how:
      `${orders} shoppers made beforehand (every other one a guest with a new card token, the rest Bolt shoppers ` +
      `with a saved card, signed in), each clicking "Place order" once: the checkout's server action over HTTP, ` +
      `${connections} in flight from the bench process. Orders per second is ${orders} over the time from the ` +
      `first click to the last answer; the reference is ${healthRequests} GET /api/health with as many in flight ` +
      `on the same storefront (a route with no session, no ledger, no Bolt), run before or after the orders in ` +
      `turn. Then the storefront is stopped and its ledger read, and Bolt's transactions (the emulator's ` +
      `GET /__emulator/orders) compared with it, shopper by shopper. Each storefront is this build on its own ` +
      `port, its database fresh: PGlite in a new data directory, or a local Postgres the bench starts (fsync ` +
      `off, loopback). Guest payments are allowed beyond the default 120 a minute, as a shop sizes that limit ` +
      `above its peak.`,
    rows,
    notes: [],
  };
}
