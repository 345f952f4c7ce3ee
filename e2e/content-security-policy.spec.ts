import type { Page } from "@playwright/test";
import { expect, test } from "./helpers/fixtures";
import { addMugFromHome, seedCart, signInAtCheckout } from "./helpers/storefront";

// The pages' Content-Security-Policy as Chromium applies it: the enforced policy ('strict-dynamic'
// with the nonce) and the stricter style policy, sent as Report-Only. Every violation a page sees
// fires `securitypolicyviolation` on its document; an init script records them on each page load.

type Violation = { directive: string; blocked: string; disposition: string };

declare global {
  interface Window {
    __violations?: Violation[];
    __injected?: boolean;
  }
}

async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__violations?.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        disposition: event.disposition,
      });
    });
  });
}

const violations = (page: Page) => page.evaluate(() => window.__violations ?? []);

test("a shopper's whole journey, Bolt's modal included, breaks neither the policy nor the stricter style one", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const shopper = await bolt.signedInShopper();
  await bolt.saveTestCard(shopper.tokens.access_token);
  await recordViolations(page);
  const seen: Violation[] = [];

  await addMugFromHome(page);
  seen.push(...(await violations(page)));

  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await page.getByRole("button", { name: /^Place order/ }).click();
  await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
  seen.push(...(await violations(page)));

  await page.reload();
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/cart");
  seen.push(...(await violations(page)));
  expect(seen).toEqual([]);
});

test("an injected event handler does not run, and an injected style is reported to the store", async ({
  page,
  context,
  baseURL,
}) => {
  await recordViolations(page);
  const reported = page.waitForRequest(
    (request) =>
      request.url().endsWith("/api/csp-report") &&
      request.headers()["content-type"] === "application/csp-report" &&
      request.postData()?.includes('"effective-directive":"style-src-elem"') === true,
  );
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await expect(page.getByRole("textbox", { name: "Email" })).toBeVisible();
  // What a stored XSS would slip into the page: markup with an inline handler, and a style element.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      "beforeend",
      '<img alt="" src="/missing.png" onerror="window.__injected = true"><style>body { outline: 0 }</style>',
    );
  });
  await expect
    .poll(() => violations(page))
    .toEqual(
      expect.arrayContaining([
        expect.objectContaining({ directive: "script-src-attr", disposition: "enforce" }),
        expect.objectContaining({ directive: "style-src-elem", blocked: "inline", disposition: "report" }),
      ]),
    );
  expect(await page.evaluate(() => window.__injected ?? false)).toBe(false);
  expect((await (await reported).response())?.status()).toBe(204);
});
