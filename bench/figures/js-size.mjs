// Figure 5: JavaScript the browser downloads for /checkout, against the smallest page of the build.
import { gzipSync } from "node:zlib";
import { contextWithCookies } from "../browser.mjs";
import { APP_URL } from "../env.mjs";
import { CART_COOKIE, signedInCookies } from "../shop.mjs";
import { budget, row } from "../stats.mjs";

const KB = 1000;
const OVER_BASELINE_KB = 35;
/** No route of this build is an empty page; the not-found page is the smallest: layout and a message. */
const BASELINE_PATH = "/bench-baseline-not-found";

/**
 * Sums the scripts one fresh page load fetches, split into the storefront's own and the rest (Bolt's
 * embed.js). Gzipped bytes: the network log's encoded size when the server gzipped the script,
 * else the body gzipped here with zlib's default level (what Next's compression uses).
 */
async function scriptBytes(browser, path, cookie, ready) {
  const context = await contextWithCookies(browser, cookie);
  try {
    const page = await context.newPage();
    const scripts = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(gzippedSize(response));
    });
    const navigation = await page.goto(`${APP_URL}${path}`);
    if (ready) await page.locator(ready).first().waitFor();
    await page.waitForLoadState("networkidle");
    const sizes = await Promise.all(scripts);
    const own = sizes.filter((script) => script.origin === APP_URL);
    return {
      status: navigation.status(),
      own: own.reduce((sum, script) => sum + script.bytes, 0) / KB,
      ownCount: own.length,
      other: sizes
        .filter((script) => script.origin !== APP_URL)
        .map((script) => `${script.url} ${(script.bytes / KB).toFixed(1)} kB`),
    };
  } finally {
    await context.close();
  }
}

async function gzippedSize(response) {
  const url = new URL(response.url());
  const encoded = response.headers()["content-encoding"] === "gzip";
  const bytes = encoded ? (await response.request().sizes()).responseBodySize : gzipSync(await response.body()).length;
  return { url: `${url.origin}${url.pathname}`, origin: url.origin, bytes };
}

export async function jsSizeFigure({ plan, browser }) {
  const states = [
    {
      metric: "signed-in /checkout, storefront scripts",
      who: "signed in",
      cookie: (await signedInCookies()).cookie,
      ready: '[data-testid="address-option"]',
    },
    {
      metric: "guest /checkout (email + Bolt sign-in), storefront scripts",
      who: "signed out, with a cart",
      cookie: CART_COOKIE,
      ready: 'input[type="email"]',
    },
  ];
  const runs = states.map(() => []);
  for (let rep = 0; rep < plan.jsSize.reps; rep++) {
    for (const [i, state] of states.entries()) {
      const baseline = await scriptBytes(browser, BASELINE_PATH, state.cookie);
      if (baseline.status !== 404)
        throw new Error(`${BASELINE_PATH} answered ${baseline.status}, not the not-found page`);
      runs[i].push({ baseline, page: await scriptBytes(browser, "/checkout", state.cookie, state.ready) });
    }
  }
  const overBaseline = budget(
    `≤ +${OVER_BASELINE_KB} kB over the baseline (every run)`,
    "delta",
    "all",
    "<=",
    OVER_BASELINE_KB,
  );
  const thirdParty = [...new Set(runs.flat().flatMap((run) => run.page.other))];
  return {
    id: "js",
    title: "5. JavaScript shipped for /checkout (gzipped)",
    how:
      `Chromium, a fresh context (empty cache) per load, ${plan.jsSize.reps} load(s) per page: every script response ` +
      `of the storefront's origin in the page's network log until the network is idle, summed gzipped (the encoded ` +
      `size when the server gzipped it, else zlib's gzip of the body). 1 kB = 1000 bytes. Inline scripts (the RSC ` +
      `payload in the HTML) are part of the document, not counted. The baseline is the not-found page, the smallest ` +
      `page of the build (no empty page exists), loaded in the same state (signed in, or signed out with a cart).`,
    rows: states.map((state, i) =>
      row({
        metric: state.metric,
        unit: "kB",
        values: runs[i].map((run) => run.page.own),
        references: runs[i].map((run) => run.baseline.own),
        referenceLabel: `not-found page (${BASELINE_PATH}), ${state.who}`,
        budget: overBaseline,
      }),
    ),
    notes: [
      `Script files (baseline → /checkout): ${states.map((state, i) => `${state.who} ${runs[i][0].baseline.ownCount} → ${runs[i][0].page.ownCount}`).join(", ")}.`,
      thirdParty.length
        ? `Not counted, from Bolt's origin (the emulator's stand-in for Bolt's CDN script): ${thirdParty.join("; ")}.`
        : "No script from another origin was loaded.",
    ],
  };
}
