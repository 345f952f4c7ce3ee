// Figure 2: Bolt calls per signed-in /checkout render, counted at the emulator, and proof that the
// browser fetches no account data itself.
import { contextWithCookies } from "../browser.mjs";
import { APP_URL, EMULATOR_URL } from "../env.mjs";
import {
  accountOf,
  ADDRESS_MARKER,
  bolt,
  CART_COOKIE,
  cookiePair,
  getPage,
  signedInCookies,
  signIn,
  withRotatedSession,
} from "../shop.mjs";
import { budget, row } from "../stats.mjs";

/** Inside the proxy's 60 s refresh window from the moment it is minted, yet usable (> 1 s left). */
const SHORT_TTL_SECONDS = 30;

/** Renders signed-in /checkout and returns what the emulator saw meanwhile. */
async function countedRender(cookie) {
  await bolt.clearRequests();
  const { response, html } = await getPage("/checkout", cookie);
  if (!html.includes(ADDRESS_MARKER)) throw new Error("signed-in /checkout rendered without the saved addresses");
  return { calls: await bolt.requests(), response };
}

/** Loads signed-in /checkout in Chromium and lists the page's own fetches that touch account data. */
async function browserLoad(browser, cookie, street) {
  const context = await contextWithCookies(browser, cookie);
  try {
    const page = await context.newPage();
    const fetches = [];
    page.on("response", (response) => {
      const type = response.request().resourceType();
      if (type === "fetch" || type === "xhr")
        fetches.push({ url: new URL(response.url()), body: response.text().catch(() => "") });
    });
    await bolt.clearRequests();
    await page.goto(`${APP_URL}/checkout`);
    await page.getByTestId("address-option").first().waitFor();
    await page.waitForLoadState("networkidle");
    const serverCalls = (await bolt.requests()).length;
    let accountFetches = 0;
    for (const { url, body } of fetches) {
      const toBolt = url.origin === EMULATOR_URL && url.pathname.startsWith("/v1/account");
      const carriesAccount = url.origin === APP_URL && (await body).includes(street);
      if (toBolt || carriesAccount) accountFetches++;
    }
    return { accountFetches, fetches: fetches.length, serverCalls };
  } finally {
    await context.close();
  }
}

export async function upstreamFigure({ plan, browser }) {
  const { reps, browserLoads } = plan.upstream;
  const valid = await signedInCookies();
  const expiring = await bolt.createShopper();
  await bolt.setLifetimes(expiring.email, { accessTokenTtlSeconds: SHORT_TTL_SECONDS });
  let expiringCookie = `${cookiePair(await signIn(expiring.oauthCode))}; ${CART_COOKIE}`;
  await getPage("/checkout", valid.cookie); // warm-up: the page's modules
  // Warm-up: the proxy's first refresh reads Bolt's OpenID discovery, which it then keeps for an hour.
  const warmUp = await countedRender(expiringCookie);
  expiringCookie = withRotatedSession(expiringCookie, warmUp.response);

  const validCounts = [];
  const expiredCounts = [];
  for (let rep = 0; rep < reps; rep++) {
    validCounts.push((await countedRender(valid.cookie)).calls.length);
    const { calls, response } = await countedRender(expiringCookie);
    if (!calls.some((call) => call.grantType === "refresh_token"))
      throw new Error("the short-lived token was not refreshed");
    expiringCookie = withRotatedSession(expiringCookie, response);
    expiredCounts.push(calls.length);
  }

  const street = (await accountOf(valid.cookie)).addresses[0].street_address1;
  const loads = [];
  for (let i = 0; i < browserLoads; i++) loads.push(await browserLoad(browser, valid.cookie, street));

  const calls = (text, limit) => budget(text, "value", "all", "==", limit);
  return {
    id: "upstream",
    title: "2. Bolt calls per signed-in /checkout render",
    how:
      `The emulator's request log (every API call, /v1 and /.well-known, any caller) is cleared, one signed-in ` +
      `/checkout is rendered (checked to show the saved addresses), and the log is read; ${reps} renders each. ` +
      `Expired: the shopper's access tokens live ${SHORT_TTL_SECONDS} s (/__emulator/lifetimes), inside the ` +
      `proxy's 60 s refresh window, so every render refreshes. One such render before the count fills the ` +
      `proxy's discovery cache: its first refresh reads GET /.well-known/openid-configuration, kept an hour (the ` +
      `proxy is bundled apart from the sign-in route, so the sign-in's read does not serve it); counted is what ` +
      `every later render costs. Browser: Chromium loads signed-in /checkout (${browserLoads}×) until the network ` +
      `is idle; counted are fetch/XHR requests to the emulator's /v1/account* and storefront fetch/XHR answers ` +
      `containing the shopper's street address.`,
    rows: [
      row({
        metric: "calls per render, valid token",
        unit: "calls",
        values: validCounts,
        budget: calls("exactly 1 (every run)", 1),
      }),
      row({
        metric: "calls per render, expired token (refresh + account)",
        unit: "calls",
        values: expiredCounts,
        budget: calls("exactly 2 (every run)", 2),
      }),
      row({
        metric: "browser fetches of account data",
        unit: "fetches",
        values: loads.map((load) => load.accountFetches),
        budget: calls("0 (every run)", 0),
      }),
    ],
    notes: [
      `The warm-up render with an expiring token made ${warmUp.calls.length} call(s): ` +
        `${warmUp.calls.map((call) => `${call.method} ${call.path}`).join(", ")}.`,
      `During the browser loads the page made ${loads.map((load) => load.fetches).join(", ")} fetch/XHR request(s) in all, ` +
        `and the emulator logged ${loads.map((load) => load.serverCalls).join(", ")} API call(s) from any caller per load.`,
    ],
  };
}
