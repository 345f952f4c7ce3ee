// Figure 3: signed-in /checkout under load, against a page of the same build without Bolt.
import { load } from "../load.mjs";
import { ADDRESS_MARKER, CART_COOKIE, signedInCookies } from "../shop.mjs";
import { budget, row } from "../stats.mjs";

const CONNECTIONS = 32;
/**
 * A page rendered per request like checkout, through the same proxy and layout, but with no Bolt
 * call: the cart of a signed-out shopper with one mug. (The catalog pages are static: figure 10.)
 */
const REFERENCE_PATH = "/cart";
const REFERENCE_MARKER = "Stoneware Mug";

export async function throughputFigure({ plan }) {
  const { reps, seconds, warmupSeconds } = plan.throughput;
  const { cookie } = await signedInCookies();
  const checkout = { path: "/checkout", cookie, expect: ADDRESS_MARKER };
  const reference = { path: REFERENCE_PATH, cookie: CART_COOKIE, expect: REFERENCE_MARKER };
  for (const target of [checkout, reference])
    await load({ requests: [target], connections: CONNECTIONS, duration: warmupSeconds });

  const runs = [];
  for (let rep = 0; rep < reps; rep++) {
    const measure = (target) => load({ requests: [target], connections: CONNECTIONS, duration: seconds });
    // Alternate the order, so neither side always runs on a hotter (or more fragmented) process.
    if (rep % 2 === 0) {
      const app = await measure(checkout);
      runs.push({ app, ref: await measure(reference) });
    } else {
      const ref = await measure(reference);
      runs.push({ app: await measure(checkout), ref });
    }
  }
  const pick = (side, key) => runs.map((run) => run[side][key]);
  const referenceLabel = `signed-out ${REFERENCE_PATH} with one mug`;
  return {
    id: "throughput",
    title: "3. Signed-in /checkout under load",
    how:
      `autocannon in the bench process, ${CONNECTIONS} connections, ${seconds} s per side and run after a ` +
      `${warmupSeconds} s warm-up of each; every signed-in render makes its GET /v1/account. Errors are socket ` +
      `errors and timeouts, non-2xx answers, and 200s without the saved addresses (a degraded checkout). The ` +
      `reference is ${referenceLabel}: also rendered per request, through the same proxy and layout, with no Bolt ` +
      `call. The client, the storefront and the emulator share the machine's cores.`,
    rows: [
      row({
        metric: "requests per second",
        unit: "req/s",
        values: pick("app", "requestsPerSecond"),
        references: pick("ref", "requestsPerSecond"),
        referenceLabel,
      }),
      row({
        metric: "p99 latency",
        unit: "ms",
        values: pick("app", "p99"),
        references: pick("ref", "p99"),
        referenceLabel,
      }),
      row({
        metric: "errors (socket, timeout, non-2xx, degraded)",
        unit: "errors",
        values: pick("app", "errors"),
        references: pick("ref", "errors"),
        referenceLabel,
        budget: budget("0 (every run)", "value", "all", "==", 0),
      }),
    ],
    notes: [
      `Requests completed per run: ${pick("app", "total").join(", ")} (checkout), ${pick("ref", "total").join(", ")} (reference).`,
    ],
  };
}
