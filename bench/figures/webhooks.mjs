// Figure 17: Bolt's signed transaction webhooks, each verified, applied to the ledger and answered,
// with 32 in flight, on PGlite and on Postgres, against GET /api/health on the same storefront.
import { signWebhookBody } from "bolt-emulator/test-client";
import { SIGNING_SECRET } from "../env.mjs";
import { placeOrders, startOrderStorefront } from "../orders.mjs";
import { bolt, getHealth } from "../shop.mjs";
import { budget, percentile, row } from "../stats.mjs";
import { inFlight, timedPool } from "../timing.mjs";

const MIN_RATIO = 0.5;

/**
 * `count` orders placed and left authorized (BOLT_CAPTURE=manual), then each captured at Bolt, as a
 * merchant does in Bolt's dashboard. Resolves to the `capture` events Bolt sends about them: the body
 * (the payment as GET /v1/merchant/transactions/{reference} shows it after the capture) and its order.
 */
async function captureEvents(storefront, count) {
  const orderIds = await placeOrders(storefront, count);
  const events = [];
  await inFlight(orderIds, 8, async (orderId) => {
    const [charge] = await bolt.orders({ orderReference: orderId });
    if (!charge) throw new Error(`${storefront.name}: Bolt has no payment for order ${orderId}`);
    await bolt.capture(charge.transactionReference, charge.amount);
    const data = await bolt.transaction(charge.transactionReference);
    events.push({ orderId, body: JSON.stringify({ type: "capture", object: "transaction", data }) });
  });
  return events;
}

/** One delivery as Bolt makes it: the raw body, signed with the store's signing secret. */
async function deliver(url, body) {
  const response = await fetch(`${url}/api/bolt/webhooks`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Bolt-Hmac-Sha256": signWebhookBody(SIGNING_SECRET, body) },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** Deliveries of events about orders outside the count, so the route's first, cold answers are not timed. */
async function warmUp(storefront, count, connections) {
  const events = await captureEvents(storefront, count);
  await inFlight([...events, ...events], connections, async ({ body }) => {
    const status = await deliver(storefront.url, body);
    if (status !== 200) throw new Error(`${storefront.name}: a warm-up webhook was answered ${status}`);
  });
}

/**
 * One run: every event delivered, then every one again (a duplicate, as Bolt sends when an answer is
 * lost), `connections` in flight; the health route first, as the re-reads the burst asks for follow it.
 */
async function measureRun(storefront, { orders, connections, healthRequests }) {
  const events = await captureEvents(storefront, orders);
  const deliveries = [...events, ...events];
  let refused = 0;
  const measureWebhooks = async () => {
    const started = performance.now();
    const latencies = await timedPool(deliveries, connections, async ({ body }) => {
      if ((await deliver(storefront.url, body)) !== 200) refused++;
    });
    return { seconds: (performance.now() - started) / 1000, latencies };
  };
  const measureHealth = () =>
    inFlight(Array.from({ length: healthRequests }), connections, () => getHealth(storefront.url));
  const healthSeconds = await measureHealth();
  const webhooks = await measureWebhooks();
  return {
    orderIds: events.map((event) => event.orderId),
    webhooksPerSecond: deliveries.length / webhooks.seconds,
    p99: percentile(webhooks.latencies, 0.99),
    healthPerSecond: healthRequests / healthSeconds,
    refused,
  };
}

export async function webhooksFigure({ plan }) {
  const { reps, orders, warmup, connections, healthRequests } = plan.webhooks;
  const rows = [];
  for (const [database, label] of [
    ["pglite", "PGlite"],
    ["postgres", "Postgres"],
  ]) {
    const storefront = await startOrderStorefront({
      name: `webhooks-${database}`,
      database,
      env: { BOLT_CAPTURE: "manual" },
    });
    const runs = [];
    let ledger;
    try {
      await warmUp(storefront, warmup, connections);
      for (let rep = 0; rep < reps; rep++)
        runs.push(await measureRun(storefront, { orders, connections, healthRequests }));
    } finally {
      ledger = await storefront.stopAndRead({ ids: runs.flatMap((run) => run.orderIds) });
    }
    const captured = new Set(
      ledger.filter((order) => order.status === "captured" && order.webhook_captures === 1).map((order) => order.id),
    );
    const every = (text, limit) => budget(`${text} (every run)`, "value", "all", "==", limit);
    rows.push(
      row({
        metric: `webhooks handled per second, ${2 * orders} over ${connections} connections, ${label}`,
        unit: "webhooks/s",
        values: runs.map((run) => run.webhooksPerSecond),
        references: runs.map((run) => run.healthPerSecond),
        referenceLabel: `GET /api/health, ${connections} in flight, same storefront`,
        budget: budget(`≥ ${MIN_RATIO}× (median)`, "ratio", "median", ">=", MIN_RATIO),
      }),
      row({
        metric: `webhook latency, p99, ${label}`,
        unit: "ms",
        values: runs.map((run) => run.p99),
      }),
      row({
        metric: `orders captured in the ledger, each by one webhook event, ${label}`,
        unit: "orders",
        values: runs.map((run) => run.orderIds.filter((id) => captured.has(id)).length),
        budget: every(orders, orders),
      }),
      row({
        metric: `deliveries not answered 200, ${label}`,
        unit: "errors",
        values: runs.map((run) => run.refused),
        budget: every(0, 0),
      }),
    );
  }
  return {
    id: "webhooks",
    title: "17. Bolt webhooks handled per second, on PGlite and on Postgres",
    how:
      `Per run, ${orders} orders are placed beforehand on a storefront with BOLT_CAPTURE=manual (the checkout's ` +
      `server action over HTTP; every other shopper a guest, the rest Bolt shoppers with a saved card), each ` +
      `payment is captured at Bolt (the emulator's POST /v1/merchant/transactions/capture, as from Bolt's ` +
      `dashboard), and its capture event is built as Bolt sends it: {type: "capture", object: "transaction", data} ` +
      `with the payment as GET /v1/merchant/transactions/{reference} shows it, signed X-Bolt-Hmac-Sha256 = ` +
      `base64(HMAC-SHA256(BOLT_SIGNING_SECRET, raw body)). Before the runs, ${warmup} more orders' events are ` +
      `delivered the same way, untimed, so the route's first answers (its code loaded, the database's first ` +
      `queries) are not counted. Then ${2 * orders} POST /api/bolt/webhooks with ` +
      `${connections} in flight: each event once (a first delivery: the signature checked, the order moved to ` +
      `captured in the ledger, 200; Bolt's view of the payment is re-read a second after the deliveries ` +
      `pause, so after the burst), then each again (a duplicate: ` +
      `checked, found already applied, 200). Webhooks per second is ${2 * orders} over the time from the first ` +
      `delivery to the last answer; p99 is of each delivery's time to its answer. The reference is ` +
      `${healthRequests} GET /api/health with as many in flight on the same storefront, just before the ` +
      `webhooks (after them, it would share the cores with the re-reads that follow a burst; the next run's ` +
      `orders are placed while those run). Afterwards the storefront is stopped and its ledger read: every order must be captured, ` +
      `with exactly one capture event from a webhook in its history (its duplicate appended none). ` +
      `Each storefront is this build on its own port, its database fresh: PGlite in a new data directory, or a ` +
      `local Postgres the bench starts (fsync off, loopback).`,
    rows,
    notes: [],
  };
}
