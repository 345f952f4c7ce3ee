// Figure 6: Lighthouse's mobile performance score, driving the system Chromium (no download).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_ARGS, findBrowser } from "../../scripts/find-browser.mjs";
import { APP_URL } from "../env.mjs";
import { signedInCookies } from "../shop.mjs";
import { budget, percentile, row } from "../stats.mjs";

const METRICS = {
  FCP: "first-contentful-paint",
  LCP: "largest-contentful-paint",
  TBT: "total-blocking-time",
  SI: "speed-index",
  CLS: "cumulative-layout-shift",
};

/** One Lighthouse run with its default (mobile, simulated slow 4G and 4× CPU) settings. */
async function audit(port, path, cookie) {
  const { lhr } = await lighthouse(`${APP_URL}${path}`, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  return {
    score: Math.round(lhr.categories.performance.score * 100),
    metrics: Object.fromEntries(Object.entries(METRICS).map(([name, id]) => [name, lhr.audits[id].numericValue])),
    warnings: lhr.runWarnings,
  };
}

const describe = (runs) =>
  Object.keys(METRICS)
    .map((name) => {
      const median = percentile(runs.map((run) => run.metrics[name]), 0.5);
      return name === "CLS" ? `CLS ${median.toFixed(3)}` : `${name} ${Math.round(median)} ms`;
    })
    .join(", ");

export async function lighthouseFigure({ plan }) {
  const { cookie } = await signedInCookies();
  const pages = [
    { label: "/", path: "/" },
    { label: "signed-in /checkout", path: "/checkout", cookie },
  ];
  const chrome = await chromeLauncher.launch({ chromePath: findBrowser(), chromeFlags: ["--headless=new", ...CHROMIUM_ARGS] });
  const runs = pages.map(() => []);
  try {
    // Interleaved, so both pages see the same machine conditions.
    for (let rep = 0; rep < plan.lighthouse.reps; rep++) {
      for (const [i, page] of pages.entries()) runs[i].push(await audit(chrome.port, page.path, page.cookie));
    }
  } finally {
    await chrome.kill();
  }
  const atLeast95 = budget("≥ 95 (median)", "value", "median", ">=", 95);
  const warnings = [...new Set(runs.flat().flatMap((run) => run.warnings))];
  return {
    id: "lighthouse",
    title: "6. Lighthouse mobile performance score",
    how:
      `Lighthouse ${plan.lighthouse.reps}× per page (interleaved) against the system Chromium launched headless by ` +
      `chrome-launcher, performance category only, default mobile settings (simulated slow 4G, 4× CPU slowdown). ` +
      `Signed-in /checkout gets the session and cart cookies through extraHeaders.`,
    rows: pages.map((page, i) => row({ metric: page.label, unit: "score", values: runs[i].map((run) => run.score), budget: atLeast95 })),
    notes: [
      ...pages.map((page, i) => `${page.label} medians: ${describe(runs[i])}.`),
      ...(warnings.length ? [`Lighthouse warnings: ${warnings.join(" ")}`] : []),
    ],
  };
}
