// Figure 12: the build's standalone server (what `npm start` and the image run) against `next start`
// on the same build, under the same load.
import { freePort } from "../../tests/support/redis-server.mjs";
import { load } from "../load.mjs";
import { ADDRESS_MARKER, PRODUCT_PATH, signedInCookies } from "../shop.mjs";
import { budget, row } from "../stats.mjs";
import { startStorefront } from "../storefront.mjs";

const CONNECTIONS = 32;

export async function standaloneFigure({ plan }) {
  const { reps, seconds, warmupSeconds } = plan.standalone;
  // Both started for this figure, so both are as cold, then as warm, as each other.
  const started = [
    await startStorefront({ name: "storefront-standalone", port: await freePort(), standalone: true }),
    await startStorefront({ name: "storefront-next-start", port: await freePort() }),
  ];
  try {
    const servers = { standalone: started[0].url, nextStart: started[1].url };
    // A shopper signed in at each (its APP_ORIGIN is its own), with a cart.
    const cookies = {
      standalone: (await signedInCookies(servers.standalone)).cookie,
      nextStart: (await signedInCookies(servers.nextStart)).cookie,
    };
    const targets = [
      { label: "signed-out /", request: () => ({ path: "/", expect: "The collection" }) },
      { label: `signed-out ${PRODUCT_PATH}`, request: () => ({ path: PRODUCT_PATH, expect: "Stoneware Mug" }) },
      {
        label: "signed-in /checkout",
        request: (side) => ({ path: "/checkout", cookie: cookies[side], expect: ADDRESS_MARKER }),
      },
    ];
    const measure = (target, side, duration) =>
      load({ requests: [target.request(side)], connections: CONNECTIONS, duration, url: servers[side] });
    for (const target of targets) {
      for (const side of ["standalone", "nextStart"]) await measure(target, side, warmupSeconds);
    }
    const runs = targets.map(() => []);
    for (let rep = 0; rep < reps; rep++) {
      for (const [i, target] of targets.entries()) {
        // Alternate which server goes first, so neither always runs on the hotter machine.
        const order = (rep + i) % 2 ? ["nextStart", "standalone"] : ["standalone", "nextStart"];
        const result = {};
        for (const side of order) result[side] = await measure(target, side, seconds);
        runs[i].push(result);
      }
    }
    const pick = (i, side, key) => runs[i].map((run) => run[side][key]);
    return {
      id: "standalone",
      title: "12. Standalone server against next start",
      how:
        `The bench build served twice at once, both started for this figure: its standalone server ` +
        `(node .next-bench/standalone/server.js, what npm start and the image run) and next start, each with the ` +
        `GC probe. autocannon in the ` +
        `bench process, ${CONNECTIONS} connections, ${seconds} s per target, server and run (${reps} run(s), after ` +
        `a ${warmupSeconds} s warm-up of each), alternating which server goes first. Errors are socket errors ` +
        `and timeouts, non-2xx answers and 200s without the page's own text (the saved addresses for checkout). ` +
        `The two servers share the machine's cores with the client and the emulator; only one is under load at a time.`,
      rows: [
        ...targets.map((target, i) =>
          row({
            metric: `${target.label}, requests per second`,
            unit: "req/s",
            values: pick(i, "standalone", "requestsPerSecond"),
            references: pick(i, "nextStart", "requestsPerSecond"),
            referenceLabel: "next start, same build",
          }),
        ),
        row({
          metric: "errors (socket, timeout, non-2xx, wrong page), all targets, standalone",
          unit: "errors",
          values: Array.from({ length: reps }, (_, rep) =>
            targets.reduce((sum, _target, i) => sum + runs[i][rep].standalone.errors, 0),
          ),
          references: Array.from({ length: reps }, (_, rep) =>
            targets.reduce((sum, _target, i) => sum + runs[i][rep].nextStart.errors, 0),
          ),
          referenceLabel: "next start",
          budget: budget("0 (every run)", "value", "all", "==", 0),
        }),
      ],
      notes: [
        `Requests completed per run (standalone / next start): ${targets
          .map(
            (target, i) =>
              `${target.label} ${pick(i, "standalone", "total").join(", ")} / ${pick(i, "nextStart", "total").join(", ")}`,
          )
          .join("; ")}.`,
      ],
    };
  } finally {
    await Promise.all(started.map((storefront) => storefront.stop()));
  }
}
