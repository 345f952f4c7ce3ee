import { randomUUID } from "node:crypto";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { TEST_CARD_NUMBERS, type EmulatorTestClient } from "bolt-emulator/test-client";
import { cardNumbersIn, storefrontLog, watchStorefront, type StorefrontTraffic } from "./helpers/card-leaks";
import { expect, test as base } from "./helpers/fixtures";
import { isSameDocument, markDocument, scriptSrc, watchPage } from "./helpers/page-policy";
import {
  BOLT_MODAL,
  boltAccountCheckbox,
  cardField,
  DESKTOP,
  enterCode,
  expectNoAxeViolations,
  fillAddress,
  fillCard,
  fillMobile,
  GUEST_ADDRESS,
  PHONE,
  placeOrderButton,
  SCREENSHOTS,
  screenshotWithFrames,
  seedCart,
  signInAtCheckout,
} from "./helpers/storefront";

/**
 * Every test here watches the storefront's traffic in the browser and, at its end, its server's log:
 * the card numbers typed into Bolt's field must appear in neither (only the token may).
 */
const test = base.extend<{ traffic: StorefrontTraffic }>({
  traffic: [
    async ({ context, baseURL, profile }, use) => {
      const traffic = watchStorefront(context, new URL(baseURL ?? "").origin);
      await use(traffic);
      expect(traffic.requests).toBeGreaterThan(0);
      expect(cardNumbersIn(await traffic.text())).toEqual([]);
      const log = await storefrontLog(profile);
      expect(log.length).toBeGreaterThan(0);
      expect(cardNumbersIn(log)).toEqual([]);
    },
    { auto: true },
  ],
});

const MUG = [{ id: "lh-mug", quantity: 1 }];
const newEmail = () => `guest-${randomUUID().slice(0, 8)}@example.test`;

/** A guest at checkout with a new email, up to the payment step. */
async function guestAtPayment(page: Page, context: BrowserContext, baseURL: string | undefined, email = newEmail()) {
  await seedCart(context, baseURL, MUG);
  await page.goto("/checkout");
  return guestToPayment(page, email);
}

/** From the checkout's email field to Bolt's payment field, as a guest with an email Bolt doesn't know. */
async function guestToPayment(page: Page, email: string) {
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await expect(page.getByText(`No Bolt account uses ${email}`)).toBeVisible();
  await fillAddress(page, GUEST_ADDRESS);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByTestId("guest-address")).toContainText("12 Guest Lane");
  await expect(cardField(page).getByLabel("Card number")).toBeVisible();
  return email;
}

/** A guest at the payment step who declined Bolt's account and typed a card. */
async function guestWithCard(page: Page, context: BrowserContext, baseURL: string | undefined, number?: string) {
  await seedCart(context, baseURL, MUG);
  await page.goto("/checkout");
  return declineAccountAndTypeCard(page, await guestToPayment(page, newEmail()), number);
}

/** At the payment step: unticks Bolt's account box, types a card and the mobile phone every payment needs. */
async function declineAccountAndTypeCard(page: Page, email: string, number?: string) {
  await accountCheckbox(page).uncheck();
  await fillCard(page, { number });
  await fillMobile(page);
  return email;
}

/** The confirmation page of a placed order. */
const expectPlaced = (page: Page) => expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();

/** The payments Bolt received for this email (a guest's, or a shopper's). */
const authorizeCalls = (bolt: EmulatorTestClient, email: string) =>
  bolt.requests({ email, path: "/v1/merchant/transactions/authorize" });

/** The checkout's own alert (Next's route announcer is an alert too). */
const checkoutAlert = (page: Page) => page.locator("main").getByRole("alert");

/** Bolt's account checkbox, its web component in the page. */
const accountCheckbox = boltAccountCheckbox;

test(
  "a guest pays with Bolt's field, gets a Bolt account, then signs in elsewhere and pays in one click",
  { tag: "@journey" },
  async ({ page, context, baseURL, bolt, browser, profile, traffic }, testInfo) => {
    const shots = profile === "spec" ? SCREENSHOTS : testInfo.outputDir;
    await page.setViewportSize(DESKTOP);
    const email = await guestAtPayment(page, context, baseURL);
    await expect(accountCheckbox(page)).toBeChecked();
    await fillCard(page);
    await page.getByLabel("Mobile phone").fill("(503) 555-0123");
    await screenshotWithFrames(page, path.join(shots, "guest-checkout-desktop.png"));
    await placeOrderButton(page).click();

    await expectPlaced(page);
    await expect(page.getByTestId("bolt-account-created")).toContainText(`Bolt created an account for ${email}`);
    await expect(page.getByTestId("order-card")).toHaveText("Visa ending in 1004");
    await expect(page.getByTestId("order-total")).toHaveText("$37.24");
    await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
    const [order] = await bolt.orders(email);
    expect(order?.amount).toBe(3724);
    // The token crossed the storefront, the card number did not (the fixture checks that).
    expect(await traffic.text()).toContain('"last4":"1004"');

    const elsewhere = await browser.newContext({ baseURL });
    try {
      const next = await elsewhere.newPage();
      await seedCart(elsewhere, baseURL, [{ id: "lh-tote", quantity: 1 }]);
      await next.goto("/checkout");
      await signInAtCheckout(next, email);
      await expect(next.getByRole("radio", { name: /12 Guest Lane/ })).toBeChecked();
      await expect(next.getByRole("radio", { name: /Visa ending in 1004/ })).toBeChecked();
      await placeOrderButton(next).click();
      await expectPlaced(next);
      await expect(next.getByTestId("bolt-account-created")).toHaveCount(0);
    } finally {
      await elsewhere.close();
    }
    expect(await bolt.orders(email)).toHaveLength(2);
  },
);

/**
 * From the checkout's email field, a new guest declines Bolt's account, types a card and pays: one
 * order, and the page's policy (enforced and reported) saw no violation and no console error.
 */
async function guestPaysUnder(page: Page, bolt: EmulatorTestClient, watch: Awaited<ReturnType<typeof watchPage>>) {
  const email = await declineAccountAndTypeCard(page, await guestToPayment(page, newEmail()));
  await placeOrderButton(page).click();
  await expectPlaced(page);
  expect(await bolt.orders(email)).toHaveLength(1);
  expect(await watch.violations()).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
}

test("a guest pays at checkout reached by client-side navigation from a static page, under its policy", async ({
  page,
  bolt,
}) => {
  const watch = await watchPage(page);
  const product = await page.goto("/products/stoneware-mug");
  expect(scriptSrc(product)).toMatch(/'sha256-[^']+' 'strict-dynamic'/);
  await markDocument(page);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("link", { name: "Cart, 1 item" }).click();
  await page.getByRole("link", { name: "Checkout" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  // Bolt's embed.js, its payment field and its account checkbox, all under the product page's policy.
  await guestPaysUnder(page, bolt, watch);
  expect(await isSameDocument(page)).toBe(true);
});

test("a guest pays at checkout loaded directly, under its nonce and 'strict-dynamic'", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const watch = await watchPage(page);
  await seedCart(context, baseURL, MUG);
  const checkout = await page.goto("/checkout");
  expect(scriptSrc(checkout)).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
  // embed.js comes in through the page's own (nonced) code, and makes Bolt's frames itself.
  await guestPaysUnder(page, bolt, watch);
});

test("a guest who unticks Bolt's box gets no account, and no modal next time", async ({
  page,
  context,
  baseURL,
  bolt,
  browser,
}) => {
  const email = await guestWithCard(page, context, baseURL);
  await placeOrderButton(page).click();
  await expectPlaced(page);
  await expect(page.getByTestId("bolt-account-created")).toHaveCount(0);
  expect(await bolt.accountExists(email)).toBe(false);
  // The order-access cookie shows the guest their order; another browser sees nothing of it.
  const stranger = await browser.newContext({ baseURL });
  try {
    const other = await stranger.newPage();
    await other.goto(new URL(page.url()).pathname);
    await expect(other.getByRole("heading", { name: "We can't show this order here" })).toBeVisible();
    await expect(other.getByText("12 Guest Lane")).toHaveCount(0);
  } finally {
    await stranger.close();
  }

  await seedCart(context, baseURL, MUG);
  await page.goto("/checkout");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await expect(page.getByText(`No Bolt account uses ${email}`)).toBeVisible();
  await expect(page.locator(BOLT_MODAL)).toHaveCount(0);
});

test("every guest gives a mobile phone, which Bolt needs; without one nothing is charged", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const email = await guestAtPayment(page, context, baseURL);
  // The address stays open to change, with what was typed.
  await page.getByRole("button", { name: "Change address" }).click();
  await expect(page.getByLabel("Street address")).toHaveValue("12 Guest Lane");
  await page.getByLabel("Street address").fill("14 Guest Lane");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByTestId("guest-address")).toContainText("14 Guest Lane");
  await fillCard(page);
  await placeOrderButton(page).click();
  await expect(page.getByText("Enter your mobile number: Bolt needs one for every payment")).toBeVisible();
  await expect(page.getByLabel("Mobile phone")).toHaveAttribute("aria-invalid", "true");
  expect(await bolt.orders(email)).toHaveLength(0);
  await page.getByLabel("Mobile phone").fill("+1 503 555 0199");
  await placeOrderButton(page).click();
  await expect(page.getByTestId("bolt-account-created")).toBeVisible();
  await expect(page.getByText("14 Guest Lane")).toBeVisible();
});

test("a Bolt shopper may close the modal and pay as a guest: no checkbox, no new account", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const shopper = await bolt.createShopper({ has_address: false });
  await seedCart(context, baseURL, MUG);
  await page.goto("/checkout");
  await page.getByRole("textbox", { name: "Email" }).fill(shopper.email);
  const modal = page.frameLocator(BOLT_MODAL);
  await expect(modal.getByLabel("One-time code")).toBeFocused();
  await modal.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Continue as a guest" }).click();
  await fillAddress(page, GUEST_ADDRESS);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(cardField(page).getByLabel("Card number")).toBeVisible();
  await expect(accountCheckbox(page)).toHaveCount(0);
  await fillCard(page);
  await fillMobile(page);
  await placeOrderButton(page).click();
  await expectPlaced(page);
  expect(await bolt.orders(shopper.email)).toHaveLength(1);
  const tokens = await bolt.exchangeCode(await bolt.loginCode(shopper.email));
  const account = await bolt.account(tokens.access_token);
  expect(account.addresses).toEqual([]);
  expect(account.payment_methods).toEqual([]);
});

test("a declined card says so, and the cart, the address and the card field stay", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const email = await guestWithCard(page, context, baseURL, "4000 0000 0000 0002");
  await placeOrderButton(page).click();
  await expect(checkoutAlert(page)).toHaveText(/Your card was declined/);
  await expect(page.getByTestId("guest-address")).toContainText("12 Guest Lane");
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
  await cardField(page).getByLabel("Card number").fill("4000 0000 0000 0127");
  await placeOrderButton(page).click();
  await expect(checkoutAlert(page)).toHaveText(/security code \(CVV\)/);
  expect(await bolt.orders(email)).toHaveLength(0);
  await cardField(page).getByLabel("Card number").fill("4111 1111 1111 1004");
  await placeOrderButton(page).click();
  await expectPlaced(page);
  expect(await bolt.orders(email)).toHaveLength(1);
});

test("the card field checks the number, the expiry and the CVV where they are typed", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const email = await guestAtPayment(page, context, baseURL);
  const field = cardField(page);
  await field.getByLabel("Card number").fill("4111 1111 1111 1005");
  await field.getByLabel("Expiry (MM / YY)").fill("0120");
  await field.getByLabel("Security code (CVV)").fill("12");
  await field.getByLabel("Billing postal code").fill("97201");
  await expect(field.getByText("This card number isn't valid. Check it and try again.")).toBeVisible();
  await expect(field.getByText("This card has expired.")).toBeVisible();
  await expect(field.getByText("Enter the 3-digit security code.")).toBeVisible();
  await expect(field.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
  await placeOrderButton(page).click();
  await expect(checkoutAlert(page)).toHaveText(/Check your card details: This card number isn't valid/);
  expect(await authorizeCalls(bolt, email)).toEqual([]);
  await field.getByLabel("Card number").fill("4111 1111 1111 1004");
  await expect(field.getByText("This card number isn't valid. Check it and try again.")).toHaveCount(0);
});

test("a guest payment without the store's Origin, which Next lets through, is refused before anything is spent", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const email = await guestWithCard(page, context, baseURL);
  // A page's script can't drop the header, a made-up client can: the action's POST, sent without it
  // (from Playwright's side, as the browser would add it back).
  await page.route("**/checkout", async (route) => {
    const sent = route.request();
    if (sent.method() !== "POST" || !sent.headers()["next-action"]) return route.continue();
    const headers = Object.fromEntries(Object.entries(sent.headers()).filter(([name]) => name !== "origin"));
    await route.fulfill({ response: await route.fetch({ headers }) });
  });
  await placeOrderButton(page).click();
  await expect(checkoutAlert(page)).toHaveText(/must come from the store's checkout page.*nothing was charged/);
  expect(await authorizeCalls(bolt, email)).toEqual([]);
  await page.unroute("**/checkout");
  await placeOrderButton(page).click();
  await expectPlaced(page);
});

test("a cart changed in another tab charges nothing and shows the new total to confirm", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const email = await guestWithCard(page, context, baseURL);
  const other = await context.newPage();
  await other.goto("/products/canvas-tote");
  await other.getByRole("button", { name: "Add to cart" }).click();
  await expect(other.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
  await other.close();

  await placeOrderButton(page).click();
  await expect(checkoutAlert(page)).toHaveText(
    "Your cart changed in another tab: the total is now $71.80. Check your order and place it again; nothing was charged.",
  );
  await expect(page.getByTestId("order-total")).toHaveText("$71.80");
  await expect(placeOrderButton(page)).toHaveText("Place order · $71.80");
  expect(await authorizeCalls(bolt, email)).toEqual([]);
  await placeOrderButton(page).click();
  await expectPlaced(page);
  await expect(page.getByTestId("order-total")).toHaveText("$71.80");
  expect((await bolt.orders(email)).map((order) => order.amount)).toEqual([7180]);
});

test("a second click after a timed-out payment sends it again and places one order", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const email = await guestWithCard(page, context, baseURL);
  // Bolt answers after the storefront has stopped waiting (a payment's budget is 6 s in tests), and charges.
  const slow = await bolt.addFault({ path: "/v1/merchant/transactions/authorize", email, latencyMs: 7000, times: 1 });
  try {
    await placeOrderButton(page).click();
    await expect(checkoutAlert(page)).toHaveText(/couldn't confirm the payment with Bolt/);
  } finally {
    await slow.remove();
  }
  await expect.poll(async () => (await bolt.orders(email)).length).toBe(1);
  // A guest is known by the email typed at the click: the page shows no one's unconfirmed payment.
  await expect(page.getByTestId("pending-payment")).toHaveCount(0);
  // The same guest clicks again: the checkout sends the first request again, and Bolt answers with its result.
  await placeOrderButton(page).click();
  await expectPlaced(page);
  await expect(page.getByTestId("order-total")).toHaveText("$37.24");
  expect(await bolt.orders(email)).toHaveLength(1);
  await page.goto("/checkout");
  await expect(page.getByTestId("pending-payment")).toHaveCount(0);
});

test("a slow payment waits for Bolt, and the button says it is still confirming", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const email = await guestWithCard(page, context, baseURL);
  // Slower than an account read may be (2 s in tests), within a payment's own budget (6 s).
  const slow = await bolt.addFault({ path: "/v1/merchant/transactions/authorize", email, latencyMs: 4500, times: 1 });
  try {
    await placeOrderButton(page).click();
    await expect(page.getByRole("button", { name: "Placing your order…" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Still confirming with Bolt…" })).toBeVisible({ timeout: 4000 });
    await expectPlaced(page);
  } finally {
    await slow.remove();
  }
  expect(await bolt.orders(email)).toHaveLength(1);
});

test("when Bolt's tokenize() rejects or resolves to an Error, the button comes back with a message", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const email = await guestWithCard(page, context, baseURL);
  for (const outcome of ["reject", "error"]) {
    // The answer the emulator's tokenize fault switch gives, for this page only (the switch is global).
    await page.route("**/connect/tokenize", (route) =>
      route.fulfill({ status: 503, json: { type: "tokenization_error", outcome, message: "Tokenizer down" } }),
    );
    await placeOrderButton(page).click();
    await expect(checkoutAlert(page)).toHaveText(/Bolt couldn't read your card just now, so nothing was charged/);
    await expect(placeOrderButton(page)).toHaveText("Place order · $37.24");
    await page.unroute("**/connect/tokenize");
  }
  expect(await authorizeCalls(bolt, email)).toEqual([]);
  await placeOrderButton(page).click();
  await expectPlaced(page);
});

test("Bolt's account checkbox is its web component in the page, gone for an email with a Bolt account", async ({
  page,
  context,
  baseURL,
}) => {
  const watch = await watchPage(page);
  await guestAtPayment(page, context, baseURL);
  await expect(accountCheckbox(page)).toBeChecked();
  await expect(page.locator('iframe[title="Create a Bolt account"]')).toHaveCount(0);
  // Bolt's mark comes from Bolt's account host, which the page's policy allows.
  await expect
    .poll(() =>
      page
        .locator("bolt-account-checkbox")
        .locator("img")
        .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0),
    )
    .toBe(true);
  await page.getByRole("textbox", { name: "Email" }).fill("alice@example.com");
  await expect(page.frameLocator(BOLT_MODAL).getByLabel("One-time code")).toBeFocused();
  await expect(page.locator("bolt-account-checkbox")).toBeHidden();
  expect(await watch.violations()).toEqual([]);
});

test("alice pays with a new card without saving it", async ({ page, context, baseURL, bolt }) => {
  const { access_token: token } = await bolt.exchangeCode(await bolt.loginCode("alice@example.com"));
  const before = (await bolt.account(token)).payment_methods.length;
  await seedCart(context, baseURL, MUG);
  await page.goto("/checkout");
  await signInAtCheckout(page, "alice@example.com");
  await page.getByRole("radio", { name: /Pay with a new card/ }).check();
  await expect(cardField(page).getByLabel("Card number")).toBeVisible();
  await expectNoAxeViolations(page);
  await fillCard(page, { number: "5555 5555 5555 4444" });
  await placeOrderButton(page).click();
  await expectPlaced(page);
  await expect(page.getByTestId("order-card")).toHaveText("Mastercard ending in 4444");
  expect((await bolt.account(token)).payment_methods).toHaveLength(before);
});

test("bob saves a new card to Bolt after verifying again, and pays with it", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  // bob's own copy: an address, no card; 5-second tokens, so a reload leaves the session view-only.
  const bob = await bolt.createShopper({ has_address: true });
  await bolt.setLifetimes(bob.email, { accessTokenTtlSeconds: 5 });
  await seedCart(context, baseURL, MUG);
  await page.goto("/checkout");
  await signInAtCheckout(page, bob.email);
  await expect(page.getByRole("radio", { name: /Pay with a new card/ })).toBeChecked();
  await page.reload();
  // The token the step-up brings must outlive the page's prefetches: the proxy refreshes (to
  // view-only) any token within a minute of expiry.
  await bolt.setLifetimes(bob.email, { accessTokenTtlSeconds: 3600 });
  await fillCard(page);
  await page.getByLabel("Save this card to Bolt").check();
  await placeOrderButton(page).click();
  await expect(page.getByTestId("step-up")).toBeVisible();
  await enterCode(page);
  await expectPlaced(page);
  const tokens = await bolt.exchangeCode(await bolt.loginCode(bob.email));
  const account = await bolt.account(tokens.access_token);
  expect(account.payment_methods).toEqual([expect.objectContaining({ last4: "1004", default: true })]);
  const [order] = await bolt.orders(bob.email);
  expect(order?.creditCardId).toBe(account.payment_methods[0]?.id);
});

test("the demo shoppers bob (no card) and carol (no address, no card) complete an order", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  for (const email of ["bob@example.com", "carol@example.com"]) {
    await context.clearCookies();
    await seedCart(context, baseURL, MUG);
    await page.goto("/checkout");
    await signInAtCheckout(page, email);
    if (email === "carol@example.com") {
      await page.getByRole("button", { name: "Add a new address" }).click();
      await fillAddress(page, { ...GUEST_ADDRESS, firstName: "Carol", lastName: "Customer" });
      await page.getByRole("button", { name: "Save address" }).click();
    }
    await expect(page.getByRole("radio", { name: /Pay with a new card/ })).toBeChecked();
    await fillCard(page);
    await placeOrderButton(page).click();
    await expectPlaced(page);
    expect((await bolt.orders(email)).length).toBeGreaterThanOrEqual(1);
  }
});

test("the payment step passes axe and works with the keyboard alone", async ({ page, context, baseURL, bolt }) => {
  const email = await guestAtPayment(page, context, baseURL);
  await expect(accountCheckbox(page)).toBeChecked();
  await expectNoAxeViolations(page);
  // From the email field, Tab walks to "Change address", into Bolt's frame, through its fields, to Bolt's box and on.
  await page.getByRole("textbox", { name: "Email" }).focus();
  const field = cardField(page);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Change address" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(field.getByLabel("Card number")).toBeFocused();
  await page.keyboard.type(TEST_CARD_NUMBERS.approves);
  await page.keyboard.press("Tab");
  await page.keyboard.type(`08${String((new Date().getUTCFullYear() + 2) % 100)}`);
  await page.keyboard.press("Tab");
  await page.keyboard.type("123");
  await page.keyboard.press("Tab");
  await page.keyboard.type("97201");
  await page.keyboard.press("Tab");
  await expect(accountCheckbox(page)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(accountCheckbox(page)).not.toBeChecked();
  // On past Bolt's terms and privacy links to the mobile phone.
  const mobile = page.getByLabel("Mobile phone");
  for (let i = 0; i < 5 && !(await mobile.evaluate((element) => element === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(mobile).toBeFocused();
  await page.keyboard.type("503 555 0123");
  const button = placeOrderButton(page);
  for (let i = 0; i < 10 && !(await button.evaluate((element) => element === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(button).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Enter");
  await expectPlaced(page);
  expect(await bolt.orders(email)).toHaveLength(1);
});

test("the guest payment step fits a phone", async ({ page, context, baseURL }) => {
  await page.setViewportSize(PHONE);
  await guestAtPayment(page, context, baseURL);
  await fillCard(page);
  await page.getByLabel("Mobile phone").fill("(503) 555-0123");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshotWithFrames(page, path.join(SCREENSHOTS, "guest-checkout-phone.png"));
});
