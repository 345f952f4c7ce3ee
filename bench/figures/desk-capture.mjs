// Figure 18: what a capture from the order desk costs the storefront itself, Bolt's time left out
// (Server-Timing), on PGlite and on Postgres.
import { actionIds, callFormAction, CookieJar } from "../../tests/support/checkout-actions.mjs";
import { DESK_PASSWORD } from "../env.mjs";
import { placeOrders, startOrderStorefront } from "../orders.mjs";
import { getPage } from "../shop.mjs";
import { budget, percentile, row } from "../stats.mjs";

const MAX_OWN_MS = 5;
const DESK_ACTIONS = "app/(admin)/admin/actions.ts";
const ORDER_ACTIONS = "app/(admin)/admin/orders/[orderId]/actions.ts";

/** A storefront capturing by hand (BOLT_CAPTURE=manual), with the merchant signed in to its desk. */
async function startDesk(database) {
  const storefront = await startOrderStorefront({
    name: `desk-${database}`,
    database,
    env: { BOLT_CAPTURE: "manual" },
  });
  try {
    const { signInToDesk } = actionIds(storefront.distDir, DESK_ACTIONS, ["signInToDesk"]);
    const { actOnOrder } = actionIds(storefront.distDir, ORDER_ACTIONS, ["actOnOrder"]);
    const jar = new CookieJar();
    const answer = await callFormAction({
      base: storefront.url,
      path: "/admin/sign-in",
      origin: storefront.url,
      actionId: signInToDesk,
      jar,
      fields: { password: DESK_PASSWORD, next: "/admin" },
      previous: {},
    });
    // Next's redirect header is the path and the kind of navigation: `/admin;push`.
    if (answer.redirect.split(";")[0] !== "/admin" || !jar.get("admin_session"))
      throw new Error(`${storefront.name}: the desk's sign-in failed (${answer.state?.message ?? answer.status})`);
    return { ...storefront, desk: { jar, actOnOrder } };
  } catch (error) {
    await storefront.stop();
    throw error;
  }
}

/**
 * The merchant opens the order's page (untimed) and presses "Mark as shipped": the desk's server action
 * over HTTP, with the form the page rendered. Resolves to the answer's Server-Timing.
 */
async function markShipped(storefront, orderId) {
  const { jar, actOnOrder } = storefront.desk;
  const path = `/admin/orders/${encodeURIComponent(orderId)}`;
  const { html } = await getPage(path, jar.header(), storefront.url);
  const operation = /name="operation" value="([^"]+)"/.exec(html)?.[1];
  if (!operation || !html.includes("Mark as shipped"))
    throw new Error(`${storefront.name}: order ${orderId}'s desk page offers no "Mark as shipped"`);
  const answer = await callFormAction({
    base: storefront.url,
    path,
    origin: storefront.url,
    actionId: actOnOrder,
    jar,
    fields: { intent: "ship", orderId, operation },
    previous: { status: "idle" },
  });
  if (answer.state?.status !== "done" || !answer.state.message.includes("Bolt captured"))
    throw new Error(
      `${storefront.name}: order ${orderId} was not captured (${answer.state?.message ?? answer.status})`,
    );
  // A capture always waits on Bolt: a zero there would leave Bolt's time in the storefront's.
  if (!(answer.timing?.bolt > 0))
    throw new Error(`${storefront.name}: the desk's answer has no Server-Timing with Bolt's time`);
  return answer.timing;
}

/** Sequential presses, each storefront in turn and the turn rotated, so drift and warmth hit all alike. */
async function measureRun(storefronts, orders) {
  const orderIds = new Map();
  for (const storefront of storefronts) orderIds.set(storefront, await placeOrders(storefront, orders));
  const own = new Map(storefronts.map((storefront) => [storefront, []]));
  const bolt = new Map(storefronts.map((storefront) => [storefront, []]));
  for (let i = 0; i < orders; i++) {
    for (let k = 0; k < storefronts.length; k++) {
      const storefront = storefronts[(i + k) % storefronts.length];
      const timing = await markShipped(storefront, orderIds.get(storefront)[i]);
      own.get(storefront).push(timing.app);
      bolt.get(storefront).push(timing.bolt);
    }
  }
  return { own, bolt };
}

export async function deskCaptureFigure({ plan }) {
  const { reps, orders, warmup } = plan.deskCapture;
  const storefronts = [];
  try {
    storefronts.push(await startDesk("pglite"));
    storefronts.push(await startDesk("postgres"));
    await measureRun(storefronts, warmup);
    const runs = [];
    for (let rep = 0; rep < reps; rep++) runs.push(await measureRun(storefronts, orders));

    const of = (storefront, q, side = "own") => runs.map((run) => percentile(run[side].get(storefront), q));
    const rowsFor = (storefront, label) => [
      row({
        metric: `own work per capture (Server-Timing), p50, ${label}`,
        unit: "ms",
        values: of(storefront, 0.5),
        budget: budget(`≤ ${MAX_OWN_MS} ms (median)`, "value", "median", "<=", MAX_OWN_MS),
      }),
      row({
        metric: `own work per capture (Server-Timing), p95, ${label}`,
        unit: "ms",
        values: of(storefront, 0.95),
      }),
    ];
    const boltMedian = (storefront) => percentile(of(storefront, 0.5, "bolt"), 0.5).toFixed(1);
    const [pglite, postgres] = storefronts;
    return {
      id: "desk-capture",
      title: "18. Capture from the desk: the storefront's own work, excluding Bolt (Server-Timing)",
      how:
        `${orders} orders per storefront and run, after ${warmup} to warm up, placed beforehand with ` +
        `BOLT_CAPTURE=manual (so each stays authorized) by shoppers of their own through the checkout's server ` +
        `action. The merchant signs in to the desk once (its password, through the sign-in page's server action); ` +
        `then, for each order, the order's desk page is loaded (untimed) and "Mark as shipped" pressed: the desk's ` +
        `server action over HTTP with the form that page rendered (its operation nonce), sequential, the ` +
        `storefronts taking turns; every answer is checked to say Bolt captured it. The storefront's own work ` +
        `is its Server-Timing app;dur, the action's time less its wait on Bolt (the capture): the desk session ` +
        `checked, the order read from the ledger, the capture recorded as an event, the answer's words. The ` +
        `refreshed page that the answer carries is rendered after the action and is not in it. Each storefront ` +
        `is this build on its own port: on PGlite, and on a local Postgres the bench starts (fsync off, loopback).`,
      rows: [...rowsFor(pglite, "PGlite"), ...rowsFor(postgres, "Postgres")],
      notes: [
        `Bolt's time per capture (bolt;dur, median of the runs' p50): PGlite ${boltMedian(pglite)} ms, ` +
          `Postgres ${boltMedian(postgres)} ms.`,
      ],
    };
  } finally {
    await Promise.all(storefronts.map((storefront) => storefront.stop()));
  }
}
