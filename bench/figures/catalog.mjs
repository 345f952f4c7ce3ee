// Figure 10: the catalog at the speed of a static file. Signed-out / and a product page against
// GET /api/health (Next's cheapest route: no page, no session), in the same run; and the time to
// first byte, against a build of an earlier commit when the run has one (`--before=<ref>`).
import { APP_URL } from "../env.mjs";
import { load } from "../load.mjs";
import { PRODUCT_PATH } from "../shop.mjs";
import { budget, percentile, row } from "../stats.mjs";
import { timeToFirstByte } from "../timing.mjs";

const CONNECTIONS = 32;
const MIN_RATIO = 0.8;

const TARGETS = {
  health: { path: "/api/health", expect: '"ok":true' },
  home: { path: "/", expect: "The collection" },
  product: { path: PRODUCT_PATH, expect: "Stoneware Mug" },
};

async function ttfbMedian(path, samples) {
  const times = [];
  for (let i = 0; i < samples; i++) times.push(await timeToFirstByte(`${APP_URL}${path}`));
  return percentile(times, 0.5);
}

/**
 * Measures whatever storefront answers on APP_URL (this build, or the `--before` one): per run, each
 * target under load in turn (the order rotating, so none always runs on the hottest process), then
 * each page's TTFB p50 over sequential requests on one kept-alive connection.
 */
export async function measureCatalog({ plan }) {
  const { reps, seconds, warmupSeconds, ttfbSamples } = plan.catalog;
  const names = Object.keys(TARGETS);
  for (const name of names)
    await load({ requests: [TARGETS[name]], connections: CONNECTIONS, duration: warmupSeconds });
  const runs = [];
  for (let rep = 0; rep < reps; rep++) {
    const run = {};
    for (const name of [...names.slice(rep % names.length), ...names.slice(0, rep % names.length)])
      run[name] = await load({ requests: [TARGETS[name]], connections: CONNECTIONS, duration: seconds });
    for (const name of ["home", "product"]) run[name].ttfb = await ttfbMedian(TARGETS[name].path, ttfbSamples);
    runs.push(run);
  }
  return runs;
}

export async function catalogFigure(context) {
  const { plan, before } = context;
  const runs = await measureCatalog(context);
  const pick = (from, name, key) => from.map((run) => run[name][key]);
  const atLeast = budget(`ratio ≥ ${MIN_RATIO} (median)`, "ratio", "median", ">=", MIN_RATIO);
  const healthLabel = "GET /api/health, same run";
  const pages = [
    ["home", "signed-out /"],
    ["product", `signed-out ${PRODUCT_PATH}`],
  ];
  const rows = pages.map(([name, label]) =>
    row({
      metric: `${label}, requests per second`,
      unit: "req/s",
      values: pick(runs, name, "requestsPerSecond"),
      references: pick(runs, "health", "requestsPerSecond"),
      referenceLabel: healthLabel,
      budget: atLeast,
    }),
  );
  rows.push(
    row({
      metric: "errors (socket, timeout, non-2xx, wrong page), all three targets",
      unit: "errors",
      values: runs.map((run) => run.home.errors + run.product.errors + run.health.errors),
      budget: budget("0 (every run)", "value", "all", "==", 0),
    }),
  );
  for (const [name, label] of pages) {
    rows.push(
      row({
        metric: `${label}, TTFB p50 (sequential)`,
        unit: "ms",
        values: pick(runs, name, "ttfb"),
        ...(before
          ? { references: pick(before.runs, name, "ttfb"), referenceLabel: `the same page at ${before.ref}` }
          : {}),
      }),
    );
  }
  if (before) {
    for (const [name, label] of pages) {
      rows.push(
        row({
          metric: `at ${before.ref}: ${label}, requests per second`,
          unit: "req/s",
          values: pick(before.runs, name, "requestsPerSecond"),
          references: pick(before.runs, "health", "requestsPerSecond"),
          referenceLabel: `GET /api/health at ${before.ref}, same run`,
        }),
      );
    }
  }
  const { reps, seconds, warmupSeconds, ttfbSamples } = plan.catalog;
  return {
    id: "catalog",
    title: "10. Catalog pages: static against Next's cheapest route",
    how:
      `autocannon in the bench process, ${CONNECTIONS} connections, ${seconds} s per target and run (${reps} runs, ` +
      `after a ${warmupSeconds} s warm-up of each), targets in rotating order: signed-out / and ${PRODUCT_PATH} ` +
      `(static pages, served from Next's cache through the proxy, which adds their hash-based CSP) and ` +
      `GET /api/health (a route handler that renders nothing and reads no session, through the same proxy). ` +
      `Errors are socket errors and timeouts, non-2xx answers and 200s without the page's own text. TTFB: ` +
      `${ttfbSamples} sequential GETs per page and run on one kept-alive connection, from sending the request to ` +
      `its status line and headers; the p50 per run.` +
      (before
        ? ` "At ${before.ref}": the same measurements, same plan and machine, on a production build of commit ` +
          `${before.ref} (its pages rendered per request: the root layout read the session cookie), run before ` +
          `this build was started.`
        : ""),
    rows,
    notes: [],
  };
}
