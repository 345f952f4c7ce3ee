// Figure 16: `npm run dev`, from the command to the first page served, with the embedded database's
// data directory an earlier start left, and without one (PGlite creates and migrates it first).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startProcess, stopProcess } from "../../scripts/processes.mjs";
import { BENCH_APP_PORT, BENCH_DIST_DIR, BENCH_EMULATOR_PORT } from "../env.mjs";
import { row } from "../stats.mjs";

/** Beside the bench's own ports; the emulator's second origin takes the port after it. */
const PORT = BENCH_APP_PORT + 2;
const EMULATOR_PORT = BENCH_EMULATOR_PORT + 2;
const PAGE = `http://localhost:${PORT}/`;
/** `next dev` compiles into `<distDir>/dev`, beside the bench's production build and apart from a developer's `.next`. */
const DEV_CACHE = path.join(BENCH_DIST_DIR, "dev");

async function firstPage(deadline) {
  while (performance.now() < deadline) {
    try {
      const response = await fetch(PAGE, { signal: AbortSignal.timeout(60_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`npm run dev served no ${PAGE} within 3 minutes`);
}

/** Seconds from `npm run dev` to the home page's first 200, with `dataDir` as PGlite's data directory. */
async function start(dataDir) {
  const started = performance.now();
  const child = startProcess(
    "dev",
    "npm",
    ["run", "--silent", "dev"],
    {
      PORT: String(PORT),
      BOLT_EMULATOR_PORT: String(EMULATOR_PORT),
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      PGLITE_DATA_DIR: dataDir,
    },
    { logFile: "bench/out/dev.log" },
  );
  try {
    await firstPage(started + 180_000);
    return (performance.now() - started) / 1000;
  } finally {
    await stopProcess(child);
  }
}

export async function coldStartFigure({ plan }) {
  const { reps, freshClone } = plan.coldStart;
  const dirs = [];
  const newDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "storefront-bench-dev-"));
    dirs.push(dir);
    return path.join(dir, "pglite");
  };
  try {
    let fresh;
    if (freshClone) rmSync(DEV_CACHE, { recursive: true, force: true });
    const kept = newDir();
    // The first start compiles the home page (and, in a fresh clone, everything it needs) and makes `kept`.
    const first = await start(kept);
    if (freshClone) fresh = first;
    const withDir = [];
    const withoutDir = [];
    for (let rep = 0; rep < reps; rep++) {
      if (rep % 2 === 0) {
        withDir.push(await start(kept));
        withoutDir.push(await start(newDir()));
      } else {
        withoutDir.push(await start(newDir()));
        withDir.push(await start(kept));
      }
    }
    const rows = [
      row({
        metric: "npm run dev → first page (/), the data directory an earlier start left",
        unit: "s",
        values: withDir,
        references: withoutDir,
        referenceLabel: "no data directory (PGlite creates and migrates it)",
        compare: "delta",
      }),
    ];
    if (fresh !== undefined)
      rows.push(
        row({
          metric: "npm run dev → first page (/), a fresh clone: no dev build cache, no data directory",
          unit: "s",
          values: [fresh],
        }),
      );
    return {
      id: "cold-start",
      title: "16. Cold start: npm run dev to the first page",
      how:
        `Seconds from running \`npm run dev\` (the emulator, then \`next dev\`) to the first 200 for GET / , ` +
        `polled every 50 ms as a developer's browser would load it (Turbopack compiles the page on that first ` +
        `request; the storefront opens its ledger at start-up, before it serves anything). Each start is stopped ` +
        `before the next. With: the PGlite data directory a previous start made and migrated; without: a new, ` +
        `empty one. Both with the dev build cache of the start before` +
        (freshClone
          ? `; once first, as in a fresh clone, with neither the dev build cache nor a data directory.`
          : `.`) +
        ` ${reps} run(s) each, alternating which goes first.`,
      rows,
      notes: [],
    };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
