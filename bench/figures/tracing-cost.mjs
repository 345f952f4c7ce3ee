// Figure 13: what exporting traces costs the storefront's own work, against tracing off.
import { startOtlpReceiver } from "../../tests/support/otlp-receiver.mjs";
import { freePort } from "../../tests/support/redis-server.mjs";
import { bolt, createCodes, postSignIn } from "../shop.mjs";
import { budget, percentile, row } from "../stats.mjs";
import { startStorefront } from "../storefront.mjs";

const MAX_ADDED_MS = 1;
const WARM_UP = { signIns: 30, orders: 3 };

/** The storefront's `app` duration from `Server-Timing: app;dur=…, bolt;dur=…`, in ms. */
function ownWork(serverTiming, what) {
  const match = /(?:^|,\s*)app;dur=([\d.]+)/.exec(serverTiming ?? "");
  if (!match) throw new Error(`${what} answered without Server-Timing app;dur`);
  return Number(match[1]);
}

async function signInOwnWork(code, storefront) {
  return ownWork((await postSignIn(code, storefront)).headers.get("server-timing"), "POST /api/bolt/session");
}

/**
 * One order, as a shopper places it: a new shopper with a saved card signs in, loads /checkout in
 * Chromium and clicks "Place order"; the action's answer carries its Server-Timing.
 */
async function orderOwnWork(browser, storefront) {
  const shopper = await bolt.signedInShopper();
  await bolt.saveTestCard(shopper.tokens.access_token);
  const context = await browser.newContext();
  try {
    await context.addCookies([
      { name: "cart", value: encodeURIComponent(JSON.stringify([{ id: "lh-mug", quantity: 1 }])), url: storefront },
    ]);
    const signedIn = await context.request.post(`${storefront}/api/bolt/session`, {
      headers: { Origin: storefront, "Content-Type": "application/json" },
      data: JSON.stringify({ code: await bolt.loginCode(shopper.email), scope: "bolt.account.manage openid" }),
    });
    if (signedIn.status() !== 200) throw new Error(`sign-in answered ${signedIn.status()}`);
    const page = await context.newPage();
    await page.goto(`${storefront}/checkout`);
    const answered = page.waitForResponse(
      (response) => response.request().method() === "POST" && "next-action" in response.request().headers(),
    );
    await page.getByRole("button", { name: /^Place order/ }).click();
    const answer = await answered;
    await page.waitForURL(/\/orders\//);
    return ownWork((await answer.allHeaders())["server-timing"], "the place-order action");
  } finally {
    await context.close();
  }
}

/** `count` pairs, alternating which side goes first, so drift hits both alike. */
async function pairs(count, off, on) {
  const values = { off: [], on: [] };
  for (let i = 0; i < count; i++) {
    const sides = i % 2 ? ["on", "off"] : ["off", "on"];
    for (const side of sides) values[side].push(await (side === "on" ? on(i) : off(i)));
  }
  return values;
}

export async function tracingCostFigure({ plan, browser }) {
  const { reps, signIns, orders } = plan.tracingCost;
  const receiver = await startOtlpReceiver();
  // Both started for this figure, so both are as warm as each other.
  const started = [
    await startStorefront({ name: "storefront-untraced", port: await freePort() }),
    await startStorefront({
      name: "storefront-traced",
      port: await freePort(),
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
    }),
  ];
  try {
    const storefronts = { off: started[0].url, on: started[1].url };
    const signInPairs = async (n) => {
      const codes = await createCodes(2 * n);
      return pairs(
        n,
        (i) => signInOwnWork(codes[2 * i], storefronts.off),
        (i) => signInOwnWork(codes[2 * i + 1], storefronts.on),
      );
    };
    const orderPairs = (n) =>
      pairs(
        n,
        () => orderOwnWork(browser, storefronts.off),
        () => orderOwnWork(browser, storefronts.on),
      );
    await signInPairs(WARM_UP.signIns);
    await orderPairs(WARM_UP.orders);
    const runs = [];
    for (let rep = 0; rep < reps; rep++)
      runs.push({ signIn: await signInPairs(signIns), order: await orderPairs(orders) });
    // The traced side really exported: its spans reached the receiver (batches leave every 5 s).
    for (let waited = 0; receiver.spans.length === 0 && waited < 10_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (receiver.spans.length === 0) throw new Error("the traced storefront exported no spans");
    const p50 = (key, side) => runs.map((run) => percentile(run[key][side], 0.5));
    const withinBudget = budget(`≤ +${MAX_ADDED_MS} ms (median)`, "delta", "median", "<=", MAX_ADDED_MS);
    return {
      id: "tracing-cost",
      title: "13. Tracing's cost: the storefront's own work with traces exported, against tracing off",
      how:
        `Two storefronts of the same build side by side (next start), both started for this figure: one with ` +
        `tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT, so no SDK is started), one exporting every trace over OTLP/HTTP to a ` +
        `receiver in the bench process (batched, as in production). The storefront's own work is its ` +
        `Server-Timing app duration: the request's time minus its wait on Bolt. Sign-in: POST /api/bolt/session ` +
        `with a fresh code, ${signIns} pairs per run. Checkout: a new shopper with a saved card signs in, loads ` +
        `/checkout in Chromium and clicks "Place order"; the action's answer (ledger writes, the authorize call, ` +
        `the redirect's render) is timed, ${orders} pairs per run. Pairs alternate which storefront goes first; ` +
        `${reps} run(s) after a warm-up.`,
      rows: [
        row({
          metric: "sign-in, own work p50, traced",
          unit: "ms",
          values: p50("signIn", "on"),
          references: p50("signIn", "off"),
          referenceLabel: "tracing off",
          budget: withinBudget,
        }),
        row({
          metric: "place order, own work p50, traced",
          unit: "ms",
          values: p50("order", "on"),
          references: p50("order", "off"),
          referenceLabel: "tracing off",
          budget: withinBudget,
        }),
      ],
      notes: [`The receiver took ${receiver.requests} export request(s) holding ${receiver.spans.length} spans.`],
    };
  } finally {
    await Promise.all(started.map((storefront) => storefront.stop()));
    await receiver.close();
  }
}
