// Figure 7: from Bolt's `login_complete` to the saved addresses on screen, in Chromium.
import { contextWithCookies, markWhenInDom } from "../browser.mjs";
import { APP_URL } from "../env.mjs";
import { SANDBOX_OTP } from "bolt-emulator/test-client";
import { bolt, CART_COOKIE } from "../shop.mjs";
import { row } from "../stats.mjs";

const BOLT_MODAL = 'iframe[title="Sign in with Bolt"]';

async function oneSignIn(browser) {
  const { email } = await bolt.createShopper();
  const context = await contextWithCookies(browser, CART_COOKIE);
  try {
    await context.addInitScript(markWhenInDom, {
      selector: '[data-testid="address-option"]',
      key: "__benchAddressesAt",
    });
    const page = await context.newPage();
    await page.goto(`${APP_URL}/checkout`);
    await page.waitForFunction(() => window.Bolt?.isInitialized);
    await page.evaluate(() => window.Bolt.on("login_complete", () => (window.__benchLoginAt ??= performance.now())));
    await page.getByRole("textbox", { name: "Email" }).fill(email);
    await page.frameLocator(BOLT_MODAL).getByLabel("One-time code").fill(SANDBOX_OTP);
    await page.getByTestId("address-option").first().waitFor();
    const signIn = await page.evaluate(() => window.__benchAddressesAt - window.__benchLoginAt);
    // The reference: the same shopper reloading signed-in /checkout, navigation start to addresses.
    await page.reload();
    await page.getByTestId("address-option").first().waitFor();
    const reload = await page.evaluate(() => window.__benchAddressesAt);
    if (!(signIn > 0 && reload > 0)) throw new Error(`sign-in timing failed (${signIn} ms, reload ${reload} ms)`);
    return { signIn, reload };
  } finally {
    await context.close();
  }
}

export async function signInFigure({ plan, browser }) {
  await oneSignIn(browser); // warm-up: the modal, the route, the render
  const runs = [];
  for (let i = 0; i < plan.signIn.runs; i++) runs.push(await oneSignIn(browser));
  return {
    id: "signin",
    title: "7. Sign-in to populated checkout (Chromium)",
    how:
      `${plan.signIn.runs} runs, each a fresh shopper in a fresh context with a cart: /checkout, the email, the ` +
      `one-time code in Bolt's modal; from performance.now() in a login_complete listener (window.Bolt.on) to the ` +
      `first [data-testid=address-option] entering the DOM (a MutationObserver). In between: POST /api/bolt/session, ` +
      `router.refresh() and the server's GET /v1/account. Reference, same run: reloading the now signed-in ` +
      `/checkout, navigation start to the first address in the DOM.`,
    rows: [
      row({
        metric: "login_complete → addresses in the DOM",
        unit: "ms",
        values: runs.map((run) => run.signIn),
        references: runs.map((run) => run.reload),
        referenceLabel: "reload of signed-in /checkout",
      }),
    ],
    notes: [],
  };
}
