// Figure 1: what signing in through the storefront costs over the code exchange itself.
import { cpus } from "node:os";
import { APP_URL } from "../env.mjs";
import { bolt, createCodes, signIn } from "../shop.mjs";
import { budget, percentile, row } from "../stats.mjs";
import { timed, timedPool } from "../timing.mjs";

const CONCURRENCY = 16;
const ADDED_LATENCY_MS = 50;
const ratioBudget = budget("p50 ratio ≤ 1.5", "ratio", "median", "<=", 1.5);

/** What a merchant back end sends Bolt: the code exchange, straight at the emulator. */
const exchangeDirect = (code) => bolt.exchangeCode(code);

async function health() {
  const response = await fetch(`${APP_URL}/api/health`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET /api/health answered ${response.status}`);
}

/** Pairs run back to back, alternating which goes first, so drift hits both sides alike. */
async function sequential(count) {
  const codes = await createCodes(2 * count);
  const direct = [];
  const app = [];
  for (let i = 0; i < count; i++) {
    const timeDirect = async () => direct.push(await timed(() => exchangeDirect(codes[2 * i])));
    const timeApp = async () => app.push(await timed(() => signIn(codes[2 * i + 1])));
    if (i % 2) await timeApp().then(timeDirect);
    else await timeDirect().then(timeApp);
  }
  return { direct, app };
}

async function concurrent(count, directFirst) {
  const [directCodes, appCodes] = [await createCodes(count), await createCodes(count)];
  const runDirect = () => timedPool(directCodes, CONCURRENCY, exchangeDirect);
  const runApp = () => timedPool(appCodes, CONCURRENCY, signIn);
  if (directFirst) return { direct: await runDirect(), app: await runApp() };
  const app = await runApp();
  return { direct: await runDirect(), app };
}

export async function exchangeFigure({ plan }) {
  const { reps, sequential: seqCount, concurrent: concCount, withLatency } = plan.exchange;
  await sequential(4); // warm-up: the route's modules, JWKS, connection pools
  const p = (q) => (values) => percentile(values, q);
  const runs = [];
  for (let rep = 0; rep < reps; rep++) {
    const seq = await sequential(seqCount);
    const conc = await concurrent(concCount, rep % 2 === 0);
    const floor = [];
    for (let i = 0; i < seqCount; i++) floor.push(await timed(health));
    runs.push({ seq, conc, floor });
  }
  const latency = await bolt.addFault({ path: "/v1/oauth/token", latencyMs: ADDED_LATENCY_MS });
  let slow;
  try {
    slow = await sequential(withLatency);
  } finally {
    await latency.remove();
  }

  const of = (pick, q) => runs.map((run) => p(q)(pick(run)));
  const directLabel = "direct POST /v1/oauth/token";
  const rows = [
    row({
      metric: "p50, sequential",
      unit: "ms",
      values: of((r) => r.seq.app, 0.5),
      references: of((r) => r.seq.direct, 0.5),
      referenceLabel: directLabel,
      budget: ratioBudget,
    }),
    row({
      metric: "p95, sequential",
      unit: "ms",
      values: of((r) => r.seq.app, 0.95),
      references: of((r) => r.seq.direct, 0.95),
      referenceLabel: directLabel,
    }),
    row({
      metric: `p50, ${CONCURRENCY} in flight`,
      unit: "ms",
      values: of((r) => r.conc.app, 0.5),
      references: of((r) => r.conc.direct, 0.5),
      referenceLabel: directLabel,
      budget: ratioBudget,
    }),
    row({
      metric: `p95, ${CONCURRENCY} in flight`,
      unit: "ms",
      values: of((r) => r.conc.app, 0.95),
      references: of((r) => r.conc.direct, 0.95),
      referenceLabel: directLabel,
    }),
    row({
      metric: "GET /api/health p50, sequential (Next's floor: no Bolt call, no session)",
      unit: "ms",
      values: of((r) => r.floor, 0.5),
      references: of((r) => r.seq.direct, 0.5),
      referenceLabel: directLabel,
    }),
    row({
      metric: `p50, sequential, emulator +${ADDED_LATENCY_MS} ms on the token endpoint (informational, one run)`,
      unit: "ms",
      values: [p(0.5)(slow.app)],
      references: [p(0.5)(slow.direct)],
      referenceLabel: directLabel,
    }),
  ];
  return {
    id: "exchange",
    title: "1. Exchange overhead: POST /api/bolt/session vs a direct code exchange",
    how:
      `Fresh codes from /v1/testing/shopper/create, made before timing. Sequential: ${seqCount} pairs per run, ` +
      `alternating which side goes first. Concurrent: ${concCount} exchanges per side with ${CONCURRENCY} in flight. ` +
      `Client: Node fetch in the bench process, keep-alive. The storefront's side verifies the id_token (RS256) and seals ` +
      `the session cookie; the emulator's side signs the id_token.`,
    rows,
    notes: [exchangeCause(rows)],
  };
}

/** The decomposition behind the ratio, from this run's own medians. */
function exchangeCause([seq, , conc, , floor, slow]) {
  const direct = seq.reference.median;
  const app = seq.value.median;
  const next = floor.value.median;
  const own = Math.max(0, app - direct - next);
  return (
    `Where the time goes (sequential medians): the direct exchange takes ${direct.toFixed(1)} ms at latency 0; ` +
    `a storefront route that does nothing (GET /api/health, through the same proxy) takes ${next.toFixed(1)} ms, ` +
    `so Next alone puts the ratio at ${((direct + next) / direct).toFixed(2)} before any sign-in work; the remaining ` +
    `${own.toFixed(1)} ms is the storefront's own work (id_token verification, sealing the cookie, parsing and the ` +
    `outgoing request). The overhead is a constant, not a multiple: with ${ADDED_LATENCY_MS} ms of emulator latency ` +
    `the ratio is ${slow.ratio.median.toFixed(2)} (+${slow.delta.median.toFixed(1)} ms). With ${CONCURRENCY} in flight ` +
    `requests queue, so the p50 is about ${CONCURRENCY} ÷ throughput: the storefront completes about ` +
    `${Math.round((CONCURRENCY * 1000) / conc.value.median)} sign-ins/s and the emulator about ` +
    `${Math.round((CONCURRENCY * 1000) / conc.reference.median)} exchanges/s on ${cpus().length} cores shared with the client.`
  );
}
