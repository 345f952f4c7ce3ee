// The catalog pages are static: one response for every visitor, a script policy of build-time
// hashes instead of a nonce, and the header filled in by the browser from GET /api/bolt/session.
import { expect, test, type Page } from "@playwright/test";
import { EmulatorTestClient, SANDBOX_CREDENTIALS } from "bolt-emulator/test-client";
import { TEST_EMULATOR_URL } from "../scripts/ports.mjs";
import { isSameDocument, markDocument, scriptSrc, scriptSrcOf, watchPage } from "./helpers/page-policy";
import { seedCart, signInAtCheckout } from "./helpers/storefront";

const bolt = new EmulatorTestClient(TEST_EMULATOR_URL, SANDBOX_CREDENTIALS);

const STATIC_PAGES = ["/", "/products/stoneware-mug"];

/**
 * Serves the page with an attacker's scripts spliced into its HTML, as a stored or reflected
 * injection would, keeping the server's headers (and so its policy): an inline one, and a file of
 * our own origin, which `'self'` alone would allow but `'strict-dynamic'` does not.
 */
async function injectIntoHtml(page: Page, path: string) {
  await page.route(`**${path}`, async (route) => {
    if (route.request().resourceType() !== "document") return route.fallback();
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</main>",
      '<script>window.__injected = (window.__injected || 0) + 1</script><script src="/injected.js"></script></main>',
    );
    await route.fulfill({ response, body: html });
  });
}

test.describe("static pages", () => {
  test("are one response for every visitor: cacheable, no cookie, no nonce, hashes instead", async ({ baseURL }) => {
    const shopper = await bolt.createShopper();
    const signIn = await fetch(`${baseURL}/api/bolt/session`, {
      method: "POST",
      headers: { Origin: baseURL!, "Content-Type": "application/json" },
      body: JSON.stringify({ code: shopper.oauthCode, scope: "bolt.account.manage openid" }),
    });
    expect(signIn.status).toBe(200);
    const session = signIn.headers.getSetCookie()[0]!.split(";")[0];
    const cart = `cart=${encodeURIComponent(JSON.stringify([{ id: "lh-mug", quantity: 3 }]))}`;
    for (const path of STATIC_PAGES) {
      const signedIn = await fetch(`${baseURL}${path}`, { headers: { Cookie: `${session}; ${cart}` } });
      const stranger = await fetch(`${baseURL}${path}`);
      const [mine, theirs] = [await signedIn.text(), await stranger.text()];
      expect(signedIn.status, path).toBe(200);
      expect(mine, `${path}: the same bytes for a signed-in shopper with a cart and for a stranger`).toBe(theirs);
      expect(mine).not.toContain(shopper.email);
      for (const response of [signedIn, stranger]) {
        expect(response.headers.getSetCookie(), path).toEqual([]);
        expect(response.headers.get("cache-control"), path).toMatch(/^s-maxage=\d+/);
        const scripts = scriptSrcOf(response.headers.get("content-security-policy"));
        expect(scripts, path).toMatch(
          /^script-src( 'sha256-[A-Za-z0-9+/]+=*')+ 'strict-dynamic' 'self' http:\/\/localhost:\d+$/,
        );
      }
    }
  });

  test("an injected script, inline or from our own origin, does not run on / nor on /checkout", async ({
    page,
    context,
    baseURL,
  }) => {
    await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
    const watch = await watchPage(page);
    for (const path of ["/", "/checkout"]) {
      await injectIntoHtml(page, path);
      const response = await page.goto(path);
      expect(scriptSrc(response)).not.toContain("'unsafe-inline'");
      expect(scriptSrc(response)).toContain("'strict-dynamic'");
      await expect(page.getByRole("main")).toBeVisible();
      // The page's own scripts ran (the header island filled in); the injected ones did not.
      await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
      await expect
        .poll(watch.violations)
        .toEqual(["script-src-elem inline ", `script-src-elem ${baseURL}/injected.js `]);
      expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
      await page.unrouteAll();
      await page.goto("about:blank");
    }
  });

  test("/ and /checkout hydrate with no CSP violation and no console error", async ({ page, context, baseURL }) => {
    await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
    const watch = await watchPage(page);

    const home = await page.goto("/");
    expect(scriptSrc(home)).toContain("'sha256-");
    // The header island is client code: its answer on screen means the page hydrated.
    await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    expect(await watch.violations()).toEqual([]);

    const checkout = await page.goto("/checkout");
    expect(scriptSrc(checkout)).toMatch(/'nonce-[A-Za-z0-9+/]+=*'/);
    // Typing an email makes Bolt's embed.js (another origin) detect the account and frame its modal.
    await page.getByRole("textbox", { name: "Email" }).fill("alice@example.com");
    await expect(page.frameLocator('iframe[title="Sign in with Bolt"]').getByLabel("One-time code")).toBeVisible();
    expect(await watch.violations()).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });

  test("a product page and the 404 page, static too, hydrate with no CSP violation", async ({
    page,
    context,
    baseURL,
  }) => {
    await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 2 }]);
    const watch = await watchPage(page);
    for (const [path, status] of [
      ["/products/linen-napkins", 200],
      ["/products/no-such-thing", 404],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(status);
      expect(scriptSrc(response), path).toMatch(/^script-src( 'sha256-[A-Za-z0-9+/]+=*')+ 'strict-dynamic'/);
      // The header island is client code: its answer on screen means the page's scripts all ran.
      await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
      expect(await watch.violations(), path).toEqual([]);
    }
  });

  test("signing in works at checkout reached by client-side navigation from /, under /'s policy", async ({
    page,
    context,
    baseURL,
  }) => {
    const shopper = await bolt.createShopper();
    await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
    const watch = await watchPage(page);
    const home = await page.goto("/");
    expect(scriptSrc(home)).toContain("'sha256-");
    // A mark on the document: still there at checkout means no full page load happened on the way.
    await markDocument(page);

    await page.getByRole("link", { name: "Cart, 1 item" }).click();
    await page.getByRole("link", { name: "Checkout" }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await signInAtCheckout(page, shopper.email);
    await expect(page.getByTestId("address-option").first()).toBeVisible();

    expect(await isSameDocument(page)).toBe(true);
    expect(await watch.violations()).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });

  test("the header shows a placeholder of fixed size until it knows the shopper, and nothing shifts", async ({
    page,
    context,
    baseURL,
  }) => {
    const shopper = await bolt.createShopper();
    await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 2 }]);
    await page.goto("/checkout");
    // Sign in once at checkout, then hold the header's answer on the static page to see the wait.
    await signInAtCheckout(page, shopper.email);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/bolt/session", async (route) => {
      if (route.request().method() !== "GET") return route.fallback();
      await held;
      await route.fallback();
    });
    await page.addInitScript(() => {
      const shifts: number[] = [];
      Object.assign(window, { __shifts: shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto("/products/stoneware-mug");
    const slot = page.getByTestId("account-slot");
    await expect(page.getByTestId("account-loading")).toBeVisible();
    const main = page.getByRole("navigation", { name: "Main" });
    await expect(main.getByRole("link", { name: "Cart", exact: true })).toBeVisible();
    const before = await slot.boundingBox();
    const nav = await main.boundingBox();
    release();
    await expect(page.getByTestId("signed-in-button")).toBeVisible();
    await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
    expect(await slot.boundingBox()).toEqual(before);
    expect(await main.boundingBox()).toEqual(nav);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
    expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0);
  });

  test("one shopper's name and cart never reach another visitor, nor any shared cache", async ({
    browser,
    baseURL,
  }) => {
    const shopper = await bolt.createShopper();
    const first = await browser.newContext({ baseURL });
    const page = await first.newPage();
    const answers: Array<{ url: string; cacheControl: string; body: string }> = [];
    page.on("response", async (response) => {
      if (!response.url().startsWith(baseURL!)) return;
      const body = await response.text().catch(() => "");
      answers.push({ url: response.url(), cacheControl: response.headers()["cache-control"] ?? "", body });
    });
    await page.goto("/products/stoneware-mug");
    await page.getByLabel("Quantity").selectOption("3");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByRole("link", { name: "Cart, 3 items" })).toBeVisible();
    await page.goto("/checkout");
    await signInAtCheckout(page, shopper.email);
    await page.goto("/");
    await expect(page.getByTestId("signed-in-button")).toBeVisible();
    await expect(page.getByRole("link", { name: "Cart, 3 items" })).toBeVisible();

    // Whatever named the shopper may be stored by no cache, the browser's or a shared one.
    const personal = answers.filter((answer) => answer.body.includes(shopper.email));
    expect(personal.map((answer) => new URL(answer.url).pathname)).toContain("/api/bolt/session");
    for (const answer of personal) expect(answer.cacheControl, answer.url).toMatch(/\bno-store\b/);

    const second = await browser.newContext({ baseURL });
    const stranger = await second.newPage();
    for (const path of ["/", "/products/stoneware-mug", "/cart", "/checkout"]) {
      await stranger.goto(path);
      await expect(stranger.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
      await expect(stranger.getByRole("button", { name: "Sign in" })).toBeVisible();
      expect(await stranger.content(), path).not.toContain(shopper.email);
    }
    const summary = await stranger.request.get("/api/bolt/session");
    expect(await summary.json()).toMatchObject({ signedIn: false, cartCount: 0 });
    await Promise.all([first.close(), second.close()]);
  });
});
