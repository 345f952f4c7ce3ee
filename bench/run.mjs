// `npm run bench [-- --quick] [-- --before=<git ref>] [-- --orders-before=<git ref>|none]`: builds the
// storefront into .next-bench, starts it and the emulator on their own ports, measures eighteen figures
// and writes bench/results.json and docs/benchmarks.md. `--before` first builds and measures the
// catalog figure on that commit, so the figure can show before and after. The order-cost figure
// compares with the money path before the ledger: a full run builds that commit too (`--orders-before`
// names another, `none` skips it).
// Run through tsx (the script installs the bench's own packages first), as it uses the emulator's
// TypeScript test client. Quick mode keeps every figure with minimal counts, writes to bench/out/ and
// never fails on a budget, so CI can show the harness works.
// Exit codes: 0 done, 1 the harness broke (a figure could not be measured), 2 a budget was missed.
import { spawnSync } from "node:child_process";
import { mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { assertPortFree, startProcess, stopAll, waitForUrl } from "../scripts/processes.mjs";
import { launchBrowser } from "./browser.mjs";
import {
  BENCH_APP_PORT,
  BENCH_DIST_DIR,
  BENCH_EMULATOR_PORT,
  benchAppEnv,
  benchEmulatorEnv,
  EMULATOR_URL,
} from "./env.mjs";
import { catalogFigure, measureCatalog } from "./figures/catalog.mjs";
import { coldStartFigure } from "./figures/cold-start.mjs";
import { cookieBytesFigure } from "./figures/cookie-bytes.mjs";
import { deskCaptureFigure } from "./figures/desk-capture.mjs";
import { exchangeFigure } from "./figures/exchange.mjs";
import { headerIslandFigure } from "./figures/header-island.mjs";
import { jsSizeFigure } from "./figures/js-size.mjs";
import { lighthouseFigure } from "./figures/lighthouse.mjs";
import { memoryFigure } from "./figures/memory.mjs";
import { orderCostFigure } from "./figures/order-cost.mjs";
import { orderLoadFigure } from "./figures/order-load.mjs";
import { sharedStateFigure } from "./figures/shared-state.mjs";
import { signInFigure } from "./figures/sign-in.mjs";
import { standaloneFigure } from "./figures/standalone.mjs";
import { throughputFigure } from "./figures/throughput.mjs";
import { tracingCostFigure } from "./figures/tracing-cost.mjs";
import { upstreamFigure } from "./figures/upstream-calls.mjs";
import { webhooksFigure } from "./figures/webhooks.mjs";
import { consoleLine, writeJson, writeMarkdown } from "./report.mjs";
import { startStorefront } from "./storefront.mjs";

const PLANS = {
  full: {
    exchange: { reps: 5, sequential: 30, concurrent: 96, withLatency: 20 },
    upstream: { reps: 5, browserLoads: 3 },
    throughput: { reps: 3, seconds: 20, warmupSeconds: 5 },
    cookies: { reps: 5 },
    jsSize: { reps: 3 },
    lighthouse: { reps: 5 },
    signIn: { runs: 21 },
    headerIsland: { runs: 21 },
    catalog: { reps: 3, seconds: 15, warmupSeconds: 5, ttfbSamples: 200 },
    memory: { warmup: 2000, first: 1000, total: 10_000, further: 10_000 },
    sharedState: { reps: 3, pairs: 30 },
    standalone: { reps: 3, seconds: 10, warmupSeconds: 5 },
    tracingCost: { reps: 3, signIns: 30, orders: 16 },
    orderCost: { reps: 3, orders: 40, warmup: 6 },
    orderLoad: { reps: 3, orders: 200, connections: 32, healthRequests: 2000 },
    deskCapture: { reps: 3, orders: 40, warmup: 6 },
    webhooks: { reps: 3, orders: 200, warmup: 32, connections: 32, healthRequests: 2000 },
    coldStart: { reps: 3, freshClone: true },
  },
  quick: {
    exchange: { reps: 2, sequential: 6, concurrent: 32, withLatency: 3 },
    upstream: { reps: 2, browserLoads: 1 },
    throughput: { reps: 1, seconds: 3, warmupSeconds: 1 },
    cookies: { reps: 2 },
    jsSize: { reps: 1 },
    lighthouse: { reps: 1 },
    signIn: { runs: 3 },
    headerIsland: { runs: 3 },
    catalog: { reps: 1, seconds: 2, warmupSeconds: 1, ttfbSamples: 10 },
    memory: { warmup: 50, first: 100, total: 300, further: 200 },
    sharedState: { reps: 1, pairs: 5 },
    standalone: { reps: 1, seconds: 2, warmupSeconds: 1 },
    tracingCost: { reps: 1, signIns: 5, orders: 2 },
    orderCost: { reps: 1, orders: 4, warmup: 2 },
    orderLoad: { reps: 1, orders: 20, connections: 8, healthRequests: 200 },
    deskCapture: { reps: 1, orders: 4, warmup: 2 },
    webhooks: { reps: 1, orders: 32, warmup: 16, connections: 32, healthRequests: 200 },
    coldStart: { reps: 1, freshClone: false },
  },
};

// The browser figures run before the load figures: the load leaves the storefront with a large heap
// whose garbage collection competes with Chromium for the two cores and inflates its task times.
const FIGURES = [
  exchangeFigure,
  upstreamFigure,
  cookieBytesFigure,
  jsSizeFigure,
  lighthouseFigure,
  signInFigure,
  headerIslandFigure,
  tracingCostFigure,
  throughputFigure,
  standaloneFigure,
  catalogFigure,
  sharedStateFigure,
  orderCostFigure,
  deskCaptureFigure,
  orderLoadFigure,
  webhooksFigure,
  coldStartFigure,
  memoryFigure,
];

const quick = process.argv.includes("--quick");
/** `--before=<git ref>`: the commit whose build the catalog figure compares against. */
const beforeRef = process.argv.find((arg) => arg.startsWith("--before="))?.slice("--before=".length);
/** The money path before the order ledger: the parent of the commit that merged it. */
const PATH_BEFORE_LEDGER = "b66356c";
/** `--orders-before=<git ref>`: the commit whose money path the order-cost figure compares with; `none` for none. */
const ordersBeforeArg = process.argv
  .find((arg) => arg.startsWith("--orders-before="))
  ?.slice("--orders-before=".length);
const ordersBeforeRef =
  ordersBeforeArg === "none" ? undefined : (ordersBeforeArg ?? (quick ? undefined : PATH_BEFORE_LEDGER));
const plan = quick ? PLANS.quick : PLANS.full;
/** `--only=memory,sharedState`: a subset of the figures, by name; such a run never replaces the committed results. */
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const figuresToRun = only ? FIGURES.filter((figure) => only.includes(figure.name.replace(/Figure$/, ""))) : FIGURES;
const OUT = "bench/out";
process.env.NEXT_TELEMETRY_DISABLED = "1";
mkdirSync(OUT, { recursive: true });

/** Always a fresh build: a reused one could predate the sources or a .env file. */
function build(cwd = ".", logName = "build.log") {
  console.info(`▶ npm run build in ${cwd} → ${BENCH_DIST_DIR} (log: ${OUT}/${logName})`);
  const log = openSync(`${OUT}/${logName}`, "w");
  const result = spawnSync("npm", ["run", "build"], {
    cwd,
    env: { ...process.env, ...benchAppEnv },
    stdio: ["ignore", log, log],
  });
  if (result.status !== 0) throw new Error(`npm run build failed; see ${OUT}/${logName}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { ...options, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * A production build of an earlier commit, in a checkout of its own outside this tree (sharing this
 * install's packages). A commit whose checkout action says nothing of its time gets the same two
 * Server-Timing measurements this one makes (bench/before/server-timing.patch), for the order figure.
 */
function buildBefore(ref) {
  const commit = run("git", ["rev-parse", "--short", `${ref}^{commit}`]);
  const dir = path.join(os.tmpdir(), `storefront-bench-before-${commit}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  run("git", ["archive", "--output", path.join(dir, "source.tar"), commit]);
  run("tar", ["-xf", "source.tar"], { cwd: dir });
  // Hard links: instant, and no download; a fresh install where they cannot be made.
  const linked = spawnSync("cp", ["-al", path.resolve("node_modules"), path.join(dir, "node_modules")]);
  if (linked.status !== 0) run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir });
  const actions = readFileSync(path.join(dir, "app/(checkout)/checkout/actions.ts"), "utf8");
  if (!actions.includes("ServerTiming"))
    run("git", ["apply", path.resolve("bench/before/server-timing.patch")], { cwd: dir });
  build(dir, `build-before-${commit}.log`);
  return { ref: commit, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The catalog figure on the build of an earlier commit, measured with the same plan before this build is started. */
async function measureBefore(ref) {
  const before = buildBefore(ref);
  try {
    await startServers(before.dir);
    console.info(`▶ the catalog figure at ${before.ref}`);
    return { ref: before.ref, runs: await measureCatalog({ plan }) };
  } finally {
    await stopAll();
    before.remove();
  }
}

async function startServers(cwd = ".") {
  await assertPortFree(BENCH_EMULATOR_PORT, "the bench emulator");
  await assertPortFree(BENCH_APP_PORT, "the bench storefront");
  startProcess("emulator", "npx", ["--no", "bolt-emulator"], benchEmulatorEnv, { logFile: `${OUT}/emulator.log` });
  await waitForUrl(`${EMULATOR_URL}/.well-known/openid-configuration`, 60_000);
  await startStorefront({ name: "storefront", port: BENCH_APP_PORT, cwd });
}

function machine(chromium) {
  const cpus = os.cpus();
  const { version: next } = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve("next/package.json"), "utf8"),
  );
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? "unknown CPU",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    next,
    chromium,
  };
}

async function measure() {
  const figures = [];
  const before = beforeRef ? await measureBefore(beforeRef) : undefined;
  const runsOrderFigure = figuresToRun.includes(orderCostFigure);
  const ordersBefore = ordersBeforeRef && runsOrderFigure ? buildBefore(ordersBeforeRef) : undefined;
  build();
  await startServers();
  const browser = await launchBrowser();
  try {
    const context = { plan, browser, before, ordersBefore };
    for (const figure of figuresToRun) {
      const started = Date.now();
      try {
        figures.push({ ...(await figure(context)), seconds: Math.round((Date.now() - started) / 1000) });
      } catch (error) {
        figures.push({
          id: figure.name,
          title: figure.name,
          error: error instanceof Error ? error.stack : String(error),
          rows: [],
          notes: [],
        });
      }
      console.info(consoleLine(figures.at(-1)));
    }
    return { figures, machine: machine(browser.version()) };
  } finally {
    await browser.close();
    ordersBefore?.remove();
  }
}

function summarize(figures) {
  const judged = figures.flatMap((figure) =>
    figure.rows.filter((row) => row.pass !== null).map((row) => ({ figure, row })),
  );
  const missed = judged
    .filter(({ row }) => !row.pass)
    .map(({ figure, row }) => `${figure.title.split(":")[0]}, ${row.metric}`);
  return {
    budgets: judged.length,
    passed: judged.length - missed.length,
    missed,
    errors: figures.filter((figure) => figure.error).length,
  };
}

process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
const started = Date.now();
let code = 0;
try {
  const { figures, machine: host } = await measure();
  const summary = summarize(figures);
  const run = {
    date: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    machine: host,
    build: {
      distDir: BENCH_DIST_DIR,
      emulatorLatencyMs: 0,
      ...(beforeRef ? { before: beforeRef } : {}),
      ...(ordersBeforeRef ? { ordersBefore: ordersBeforeRef } : {}),
    },
    plan,
    summary,
    figures,
  };
  // A run with a broken figure never replaces the committed results.
  const committed = !quick && !only && summary.errors === 0;
  const [json, markdown] = committed
    ? ["bench/results.json", "docs/benchmarks.md"]
    : [`${OUT}/results.json`, `${OUT}/benchmarks.md`];
  writeJson(json, run);
  writeMarkdown(markdown, run);
  console.info(
    `\n${summary.passed} of ${summary.budgets} budgets met${quick ? " (quick mode: not judged)" : ""}; wrote ${json} and ${markdown}.`,
  );
  if (summary.errors > 0) code = 1;
  else if (!quick && summary.missed.length > 0) code = 2;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await stopAll();
}
console.info(`Took ${Math.round((Date.now() - started) / 1000)} s.`);
process.exit(code);
