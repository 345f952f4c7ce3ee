#!/usr/bin/env node
// `npm test`: every suite, in order — typecheck, lint, unit, build, integration, the multi-instance
// cluster tests (two instances, a balancer, Redis and Postgres), end-to-end in Chromium and the benchmark harness
// in quick mode — then one plain `N passed, N failed` line summing them all.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { findBrowser, INSTALL_HINT, installBrowser } from "../../scripts/find-browser.mjs";
import { TEST_APP_URL, TEST_EMULATOR_URL } from "../../scripts/ports.mjs";
import { assertPortFree, startProcess, stopAll, waitForUrl } from "../../scripts/processes.mjs";
import { hasPostgres, POSTGRES_INSTALL_HINT } from "./postgres-server.mjs";
import { hasRedisServer, REDIS_INSTALL_HINT } from "./redis-server.mjs";
import { READY_PATH, TEST_OUTPUT, TEST_PAIRS, TEST_SERVER, testAppEnv } from "./test-env.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const OUT = TEST_OUTPUT;
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const results = [];
const started = Date.now();

/** Runs a command to completion with inherited output; returns whether it exited 0. */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function record(suite, passed, failed, note = "") {
  results.push({ suite, passed, failed, note });
}

/** A check that is one pass or one fail (typecheck, lint, build). */
function check(suite, command, args, env) {
  console.info(`\n▶ ${suite}`);
  const ok = run(command, args, env);
  record(suite, ok ? 1 : 0, ok ? 0 : 1);
  return ok;
}

/**
 * Lines of a build's output that are warnings: Next marks its own with ⚠ (a deprecated or unknown option,
 * a workspace root it had to guess), Node and npm name theirs. One left standing hides the next.
 */
const WARNING = /^\s*⚠|Warning\b|^npm warn/i;
/** Said of the machine, not the code: a fresh clone has no `.next/cache` to reuse. */
const MACHINE_NOTICE = /No build cache found/;

/**
 * `npm run build`, its output shown as it comes and kept in the run's folder. It passes when it
 * succeeds and prints no warning; the servers start whenever it succeeded.
 */
async function build() {
  console.info("\n▶ build");
  const child = spawn("npm", ["run", "--silent", "build"], {
    env: { ...process.env, ...testAppEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    from.on("data", (chunk) => {
      output += chunk;
      to.write(chunk);
    });
  }
  const ok = await new Promise((resolve) => child.on("close", (code) => resolve(code === 0)));
  writeFileSync(`${OUT}/build.log`, output);
  const warnings = output.split("\n").filter((line) => WARNING.test(line) && !MACHINE_NOTICE.test(line));
  if (warnings.length > 0) console.error(`\nThe build printed ${warnings.length} warning(s):\n${warnings.join("\n")}`);
  const note = !ok
    ? "see output above"
    : warnings.length > 0
      ? `${warnings.length} warning(s), see ${OUT}/build.log`
      : "";
  record("build", ok && warnings.length === 0 ? 1 : 0, ok && warnings.length === 0 ? 0 : 1, note);
  return ok;
}

/** A vitest project, with its variants (`unit` runs the emulator's `unit:emulator` too, see vitest.config.ts). */
function vitest(project) {
  console.info(`\n▶ ${project} tests`);
  const outputFile = `${OUT}/${project}.json`;
  const ok = run(
    "npx",
    [
      "vitest",
      "run",
      "--project",
      `${project}*`,
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${outputFile}`,
    ],
    {
      STOREFRONT_URL: TEST_APP_URL,
      BOLT_EMULATOR_URL: TEST_EMULATOR_URL,
    },
  );
  const report = readJson(outputFile);
  if (!report) return record(project, 0, 1, "no report (the runner crashed)");
  const failed = report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1);
  record(project, report.numPassedTests, failed, ok ? "" : "see output above");
}

function playwright() {
  console.info("\n▶ end-to-end tests (Chromium)");
  const ok = run("npx", ["playwright", "test"]);
  const report = readJson(`${OUT}/e2e.json`);
  if (!report) return record("e2e", 0, 1, "no report (the runner crashed)");
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  const errors = report.errors?.length ?? 0;
  record(
    "e2e",
    expected + flaky,
    unexpected + errors + (ok || unexpected + errors > 0 ? 0 : 1),
    flaky ? `${flaky} flaky` : "",
  );
}

/** `npm run bench -- --quick`: each figure the harness measured counts as a pass; budgets are not judged here. */
function benchQuick() {
  console.info("\n▶ benchmark harness (quick mode)");
  rmSync("bench/out/results.json", { force: true });
  // Through the npm script, which installs the bench's own packages on a fresh clone.
  const ok = run("npm", ["run", "--silent", "bench", "--", "--quick"]);
  const figures = readJson("bench/out/results.json")?.figures;
  if (!figures) return record("bench (quick)", 0, 1, "no results (the harness crashed)");
  const broken = figures.filter((figure) => figure.error).length;
  record(
    "bench (quick)",
    figures.length - broken,
    broken + (ok || broken > 0 ? 0 : 1),
    "harness check, budgets not judged",
  );
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

/** The unit and cluster tests start their own redis-server; without one they can only fail. */
function ensureRedis() {
  if (hasRedisServer()) return true;
  console.error(`\n${REDIS_INSTALL_HINT}`);
  return false;
}

/** The ledger's database tests and the cluster tests start their own Postgres. */
function ensurePostgres() {
  if (hasPostgres()) return true;
  console.error(`\n${POSTGRES_INSTALL_HINT}`);
  return false;
}

function ensureBrowser() {
  if (findBrowser()) return true;
  console.info("\nNo Chromium found; trying to install Debian's chromium…");
  if (installBrowser()) return true;
  console.error(`\n${INSTALL_HINT}`);
  return false;
}

/** Both pairs of test servers (tests/support/test-env.mjs): two emulators, two standalone servers of one build. */
async function withServers(body) {
  try {
    for (const { name, emulator, app } of TEST_PAIRS) {
      await assertPortFree(emulator.port, `the test emulator${name}`);
      await assertPortFree(app.port, `the test storefront${name}`);
    }
    for (const { name, emulator, app } of TEST_PAIRS) {
      startProcess(`emulator${name}`, "npx", ["--no", "bolt-emulator"], emulator.env, {
        logFile: emulator.log,
      });
      startProcess(`storefront${name}`, "node", [TEST_SERVER], app.env, { logFile: app.log });
    }
    for (const { emulator, app } of TEST_PAIRS) {
      await waitForUrl(`${emulator.url}${READY_PATH.emulator}`, 60_000);
      await waitForUrl(`${app.url}${READY_PATH.app}`, 60_000);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll();
    record("servers", 0, 1, "could not start the test servers");
    return;
  }
  try {
    body();
  } finally {
    await stopAll();
  }
}

function summarize() {
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  console.info("\nSuite          passed  failed");
  for (const r of results) {
    console.info(`${r.suite.padEnd(14)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.note}`);
  }
  console.info(`\nTook ${Math.round((Date.now() - started) / 1000)} s.`);
  console.info(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

check("typecheck", "npm", ["run", "--silent", "typecheck"]);
check("lint", "npm", ["run", "--silent", "lint"]);
const redis = ensureRedis();
const postgres = ensurePostgres();
vitest("unit");
// `npm run build`, not `next build` alone: it also puts the static files beside the standalone server.
const built = await build();
if (!built) {
  for (const suite of ["integration", "cluster", "e2e"]) record(suite, 0, 1, "skipped: the build failed");
} else if (!ensureBrowser()) {
  await withServers(() => vitest("integration"));
  record("cluster", 0, 1, "skipped: no Chromium");
  record("e2e", 0, 1, "skipped: no Chromium");
} else {
  await withServers(() => {
    vitest("integration");
    if (redis && postgres) vitest("cluster");
    else record("cluster", 0, 1, `skipped: no ${redis ? "Postgres" : "redis-server"}`);
    playwright();
  });
  benchQuick();
}
process.exit(summarize());
