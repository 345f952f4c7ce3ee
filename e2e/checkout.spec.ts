import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import type { EmulatorTestClient } from "bolt-emulator/test-client";
import { storefrontLog } from "./helpers/card-leaks";
import { expect, test } from "./helpers/fixtures";
import {
  addMugFromHome,
  DESKTOP,
  enterCode,
  expectNoAxeViolations,
  fillAddress,
  GUEST_ADDRESS,
  PHONE,
  placeOrderButton,
  SCREENSHOTS,
  seedCart,
  sessionCookie,
  signInAtCheckout,
} from "./helpers/storefront";

/** A shopper of this test's own with an address and Bolt's test Visa, ready for one click. */
async function readyShopper(bolt: EmulatorTestClient) {
  const shopper = await bolt.signedInShopper();
  await bolt.saveTestCard(shopper.tokens.access_token);
  return shopper;
}

/** A ready shopper, signed in at checkout with one mug in the cart. */
async function signedInAtCheckout(
  bolt: EmulatorTestClient,
  page: Page,
  context: BrowserContext,
  baseURL: string | undefined,
) {
  const shopper = await readyShopper(bolt);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  return shopper;
}

test(
  "the full journey: product, cart, checkout, Bolt sign-in, defaults preselected, one-click order, confirmation, logout",
  {
    tag: "@journey",
  },
  async ({ page, context, bolt, profile }, testInfo) => {
    const shopper = await readyShopper(bolt);
    // The README's screenshots come from the spec profile; the sandbox profile's go to the test output.
    const shots = profile === "spec" ? SCREENSHOTS : testInfo.outputDir;
    await page.setViewportSize(DESKTOP);
    await addMugFromHome(page);
    await page.getByRole("link", { name: "Cart, 1 item" }).click();
    await page.getByRole("link", { name: /checkout/i }).click();
    await expect(page).toHaveURL(/\/checkout$/);

    await signInAtCheckout(page, shopper.email);
    const address = page.getByRole("radio", { name: /Test Street/ });
    const card = page.getByRole("radio", { name: /Visa ending in 1004/ });
    await expect(address).toBeChecked();
    await expect(card).toBeChecked();
    await page.screenshot({ path: path.join(shots, "checkout-desktop.png"), fullPage: true });

    await placeOrderButton(page).click();
    await expect(page).toHaveURL(/\/orders\/[\w-]+$/);
    await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
    await expect(page.getByTestId("order-address")).toContainText("Test Street");
    await expect(page.getByTestId("order-card")).toHaveText("Visa ending in 1004");
    await expect(page.getByTestId("order-total")).toHaveText("$37.24");
    // The order is known by the storefront's own id, which Bolt holds as the order_reference (and the
    // payment's Idempotency-Key) in either profile; the URL and the page use the same id.
    const orderId = await page.getByTestId("order-id").textContent();
    const [order] = await bolt.orders(shopper.email);
    expect(orderId).toBe(order?.orderReference);
    expect(orderId).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(page.url()).toMatch(new RegExp(`/orders/${orderId}$`));
    await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
    await page.screenshot({ path: path.join(shots, "confirmation-desktop.png"), fullPage: true });

    await page.getByTestId("signed-in-button").click();
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByTestId("order-address")).toHaveCount(0);
    await expect.poll(() => sessionCookie(context)).toBeUndefined();
    // Logout forgets the guest orders' access too: the next person here can't open them.
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContainEqual(
      expect.stringMatching(/order_access$/),
    );
    await page.reload();
    await expect(page.getByRole("heading", { name: "We can't show this order here" })).toBeVisible();
  },
);

test("the journey looks right on a phone, and nothing overflows sideways", async ({ page, context, baseURL, bolt }) => {
  const shopper = await readyShopper(bolt);
  await page.setViewportSize(PHONE);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 2 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await expect(page.getByRole("radio", { name: /Visa ending in 1004/ })).toBeChecked();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: path.join(SCREENSHOTS, "checkout-phone.png"), fullPage: true });
  await placeOrderButton(page).click();
  await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: path.join(SCREENSHOTS, "confirmation-phone.png"), fullPage: true });
});

test(
  "a declined card says so plainly and keeps the cart and the shopper's choices",
  {
    tag: "@journey",
  },
  async ({ page, context, baseURL }) => {
    await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
    await page.goto("/checkout");
    await signInAtCheckout(page, "alice@example.com");
    const discover = page.getByRole("radio", { name: /Discover ending in 0009/ });
    await discover.check();
    await placeOrderButton(page).click();
    await expect(page.getByText(/your card was declined/i)).toBeVisible();
    await expect(discover).toBeChecked();
    await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
    await expect(page.getByRole("radio", { name: /American Express ending in 0005/ })).toBeDisabled();
    await page.getByRole("radio", { name: /Mastercard ending in 4444/ }).check();
    await placeOrderButton(page).click();
    await expect(page.getByTestId("order-card")).toHaveText("Mastercard ending in 4444");
  },
);

test("a decline shows a short support code, which leads to the Bolt call in the store's log", async ({
  page,
  context,
  baseURL,
  bolt,
  profile,
}) => {
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, "alice@example.com");
  await page.getByRole("radio", { name: /Discover ending in 0009/ }).check();
  await placeOrderButton(page).click();
  const alert = page
    .locator("main")
    .getByRole("alert")
    .filter({ hasText: /declined/ });
  await expect(alert).toHaveText(/Support code: [0-9A-F]{8}\.$/);
  const code = /Support code: ([0-9A-F]{8})/.exec((await alert.textContent()) ?? "")?.[1] ?? "";
  // The code is the end of Bolt's X-Bolt-Trace-Id for that authorize; the log line has all of it, and the nonce sent.
  const [declined] = (await bolt.requests({ path: "/v1/merchant/transactions/authorize" })).filter((call) =>
    call.traceId.toUpperCase().endsWith(code),
  );
  expect(declined?.status).toBe(422);
  const line = (await storefrontLog(profile)).split("\n").find((text) => text.includes(declined?.traceId ?? "-"));
  expect(JSON.parse(line ?? "{}")).toMatchObject({
    type: "bolt",
    operation: "authorizeSavedCard",
    status: 422,
    nonce: declined?.nonce,
  });
});

test("an order Bolt holds for review is confirmed as in review, not as a failure", async ({
  page,
  context,
  baseURL,
}) => {
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, "alice@example.com");
  await page.getByRole("radio", { name: /Visa ending in 1881/ }).check();
  await placeOrderButton(page).click();
  await expect(page.getByRole("heading", { name: "Thank you, your order is in review" })).toBeVisible();
  await expect(page).toHaveTitle(/^Order in review/);
  await expect(page.getByText(/Bolt is reviewing the payment/)).toBeVisible();
  await expect(page.getByTestId("order-card")).toHaveText("Visa ending in 1881");
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  await expect(page.getByText(/declined|couldn't/i)).toHaveCount(0);
});

/** A ready shopper at checkout whose token a refresh has made view-only: any edit needs a step-up. */
async function viewOnlyAtCheckout(
  bolt: EmulatorTestClient,
  page: Page,
  context: BrowserContext,
  baseURL: string | undefined,
) {
  const shopper = await readyShopper(bolt);
  await bolt.setLifetimes(shopper.email, { accessTokenTtlSeconds: 5 });
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  // Only the sign-in's token is short. Later ones live Bolt's hour: a token inside the proxy's one-minute
  // refresh window is refreshed by every page request, and a prefetch sent just before the step-up sign-in
  // would answer after it with a refreshed view-only session, replacing the one the shopper just verified for.
  await bolt.setLifetimes(shopper.email, { accessTokenTtlSeconds: 3600 });
  await page.reload(); // the proxy refreshes the 5-second token: Bolt hands back bolt.account.view only
  await expect(page.getByTestId("address-option")).toHaveCount(1);
  return shopper;
}

/** Saves a new address in Oakland, which first asks the shopper to confirm it's them. */
async function addAddressAskingStepUp(page: Page, lastName: string, street: string) {
  await page.getByRole("button", { name: "Add a new address" }).click();
  await fillAddress(page, { firstName: "Sam", lastName, street, city: "Oakland", region: "CA", postalCode: "94607" });
  await page.getByRole("button", { name: "Save address" }).click();
  await expect(page.getByTestId("step-up")).toBeVisible();
}

test("after a refresh leaves a view-only token, editing asks the shopper to verify again, then goes through", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  await viewOnlyAtCheckout(bolt, page, context, baseURL);
  await addAddressAskingStepUp(page, "Stepup", "9 Verify Way");
  await enterCode(page);
  await expect(page.getByText("Address saved.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /9 Verify Way/ })).toBeVisible();
  await expect(page.getByTestId("address-option")).toHaveCount(2);
});

test("a step-up that comes back as another Bolt account is refused: the edit is dropped with the reason, the session kept", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const shopper = await viewOnlyAtCheckout(bolt, page, context, baseURL);
  const other = await bolt.createShopper();
  // Bolt's modal hands the page another account's code (say the browser holds that account's Bolt
  // session); the page posts it as a step-up, as it should.
  const posted: unknown[] = [];
  await page.route("**/api/bolt/session", async (route) => {
    const body = route.request().postDataJSON() as Record<string, unknown>;
    posted.push(body);
    await route.continue({ postData: JSON.stringify({ ...body, code: other.oauthCode }) });
  });
  await addAddressAskingStepUp(page, "Swap", "1 Wrong Account Road");
  await enterCode(page);
  await expect(page.getByTestId("step-up-refused")).toContainText(
    "You confirmed a different Bolt account from the one signed in here, so your change was not made.",
  );
  await expect(page.getByTestId("step-up")).toHaveCount(0);
  expect(posted).toEqual([expect.objectContaining({ stepUp: true })]);
  await page.reload();
  await expect(page.getByTestId("signed-in-button")).toBeVisible();
  await expect(page.getByTestId("address-option")).toHaveCount(1);
  const addresses = (await bolt.requests({ email: shopper.email, path: "/v1/account/addresses" })).filter(
    (request) => request.method === "POST",
  );
  expect(addresses).toEqual([]);
  expect(await bolt.requests({ email: other.email, path: "/v1/account/addresses" })).toEqual([]);
  await expectNoAxeViolations(page);
});

test("Bolt going down mid-checkout shows a friendly error and keeps the cart", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const shopper = await readyShopper(bolt);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 3 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await expect(page.getByRole("radio", { name: /Visa ending in 1004/ })).toBeChecked();
  const outage = await bolt.addFault({
    path: "/v1/merchant/transactions/authorize",
    email: shopper.email,
    status: 503,
  });
  try {
    await placeOrderButton(page).click();
    await expect(page.getByText(/couldn't confirm the payment with Bolt/i)).toBeVisible();
    await expect(page.getByRole("link", { name: "Cart, 3 items" })).toBeVisible();
  } finally {
    await outage.remove();
  }
  await placeOrderButton(page).click();
  await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
  expect(await bolt.orders(shopper.email)).toHaveLength(1);
});

test("a double click places exactly one order", async ({ page, context, baseURL, bolt }) => {
  const shopper = await signedInAtCheckout(bolt, page, context, baseURL);
  await expect(page.getByRole("radio", { name: /Visa ending in 1004/ })).toBeChecked();
  // Bolt answers slowly, so the second click lands while the first is still in flight.
  const slow = await bolt.addFault({
    path: "/v1/merchant/transactions/authorize",
    email: shopper.email,
    latencyMs: 800,
  });
  try {
    await placeOrderButton(page).dblclick();
    await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
  } finally {
    await slow.remove();
  }
  expect(await bolt.orders(shopper.email)).toHaveLength(1);
  const authorizations = await bolt.requests({ email: shopper.email, path: "/v1/merchant/transactions/authorize" });
  expect(authorizations.filter((entry) => entry.status === 200).length).toBeGreaterThanOrEqual(1);
});

test("a keyboard shopper keeps focus on place order while it works, and a second Enter is ignored", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const shopper = await signedInAtCheckout(bolt, page, context, baseURL);
  const slow = await bolt.addFault({
    path: "/v1/merchant/transactions/authorize",
    email: shopper.email,
    latencyMs: 800,
  });
  try {
    const button = placeOrderButton(page);
    await button.focus();
    await page.keyboard.press("Enter");
    const pending = page.getByRole("button", { name: "Placing your order…" });
    await expect(pending).toBeFocused();
    await expect(pending).toHaveAttribute("aria-disabled", "true");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
  } finally {
    await slow.remove();
  }
  expect(await bolt.orders(shopper.email)).toHaveLength(1);
});

test("markup in an address is shown as text and never runs", async ({ page, context, baseURL, bolt }) => {
  const shopper = await readyShopper(bolt);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { __xss: number }).__xss = 0;
  });
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  const payload = `<img src=x onerror="window.__xss=1;alert(1)">`;
  await page.getByRole("button", { name: "Add a new address" }).click();
  await fillAddress(page, {
    firstName: "Mallory",
    lastName: `"><script>window.__xss=2</script>`,
    street: payload,
    city: "Austin",
    region: "TX",
    postalCode: "78701",
  });
  await page.getByRole("button", { name: "Save address" }).click();
  const saved = page.getByTestId("address-option").filter({ hasText: payload });
  await expect(saved).toHaveCount(1);
  await page.reload();
  await expect(saved).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
  expect(dialogs).toEqual([]);
  await expect(page.locator("main img[src='x']")).toHaveCount(0);
});

test("the guest checkout fits a phone screen at every step", async ({ page, context, baseURL }) => {
  await page.setViewportSize(PHONE);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout?guest=1");
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
  await fillAddress(page, GUEST_ADDRESS);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByTestId("guest-payment-step")).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
});

test("checkout, the signed-in checkout and the confirmation have no axe violations", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const shopper = await readyShopper(bolt);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await expectNoAxeViolations(page);
  await signInAtCheckout(page, shopper.email);
  await expect(page.getByRole("radio", { name: /Visa ending in 1004/ })).toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByTestId("signed-in-button").click();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await placeOrderButton(page).click();
  await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the order confirmation has its title from the moment it shows", async ({ page, context, baseURL, bolt }) => {
  // A screen reader announces the title of the page it lands on; record whether the confirmation
  // was ever on screen in a document without one.
  await page.addInitScript(() => {
    const record = { untitled: false };
    Object.assign(window, { confirmationTitle: record });
    new MutationObserver(() => {
      const heading = document.querySelector("h1")?.textContent ?? "";
      if (/order is placed/i.test(heading) && !document.title) record.untitled = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await signedInAtCheckout(bolt, page, context, baseURL);
  await placeOrderButton(page).click();
  await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
  // Bolt's capture webhook (BOLT_CAPTURE=auto) may land before or after the page renders.
  await expect(page).toHaveTitle(/^Order (confirmed|paid)/);
  const untitled = await page.evaluate(
    () => (window as unknown as { confirmationTitle: { untitled: boolean } }).confirmationTitle.untitled,
  );
  expect(untitled).toBe(false);
});

test("the whole purchase works with the keyboard alone", async ({ page, bolt }) => {
  const shopper = await readyShopper(bolt);
  await page.goto("/products/stoneware-mug");
  await page.getByRole("button", { name: "Add to cart" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
  await page.goto("/checkout");
  await page.getByRole("textbox", { name: "Email" }).focus();
  await page.keyboard.type(shopper.email);
  const code = page.frameLocator('iframe[title="Sign in with Bolt"]').getByLabel("One-time code");
  await expect(code).toBeFocused();
  await page.keyboard.type("123456");
  await expect(page.getByTestId("signed-in-button")).toBeVisible();
  const button = placeOrderButton(page);
  await expect(button).toBeVisible();
  for (let i = 0; i < 40 && !(await button.evaluate((element) => element === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
});
