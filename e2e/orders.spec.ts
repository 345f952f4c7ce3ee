import { randomUUID } from "node:crypto";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import type { EmulatorTestClient } from "bolt-emulator/test-client";
import { expect, test } from "./helpers/fixtures";
import {
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
  seedCart,
  signInAtCheckout,
} from "./helpers/storefront";

// The order page and "Your orders", on orders placed through the checkout as shoppers place them.

type Placed = { id: string; total: string };

/** A shopper of this test's own with an address and Bolt's test Visa, ready for one click. */
async function readyShopper(bolt: EmulatorTestClient) {
  const shopper = await bolt.signedInShopper();
  await bolt.saveTestCard(shopper.tokens.access_token);
  return shopper;
}

/** What the confirmation shows of the order just placed. */
async function placed(page: Page): Promise<Placed> {
  await expect(page.getByRole("heading", { name: /your order is placed/i })).toBeVisible();
  const id = (await page.getByTestId("order-id").textContent()) ?? "";
  const total = (await page.getByTestId("order-total").textContent()) ?? "";
  expect(page.url()).toMatch(new RegExp(`/orders/${id}$`));
  return { id, total };
}

/** One click at checkout, signed in already, for what is in the cart. */
async function oneClickOrder(page: Page, context: BrowserContext, baseURL: string | undefined, productId: string) {
  await seedCart(context, baseURL, [{ id: productId, quantity: 1 }]);
  await page.goto("/checkout");
  await expect(page.getByRole("radio", { name: /Visa ending in 1004/ })).toBeChecked();
  await placeOrderButton(page).click();
  return placed(page);
}

/** A guest who declines Bolt's account pays for a mug with a new card. */
async function guestOrder(page: Page, context: BrowserContext, baseURL: string | undefined): Promise<Placed> {
  const email = `guest-${randomUUID().slice(0, 8)}@example.test`;
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await expect(page.getByText(`No Bolt account uses ${email}`)).toBeVisible();
  await fillAddress(page, GUEST_ADDRESS);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(cardField(page).getByLabel("Card number")).toBeVisible();
  await boltAccountCheckbox(page).uncheck();
  await fillCard(page);
  await fillMobile(page);
  await placeOrderButton(page).click();
  return placed(page);
}

const fitsThePhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

const notShown = (page: Page) => page.getByRole("heading", { name: "We can't show this order here" });

test("Your orders lists a shopper's orders newest first, from the account menu, and opens each", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const shopper = await readyShopper(bolt);
  await page.setViewportSize(DESKTOP);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await placeOrderButton(page).click();
  const first = await placed(page);
  const second = await oneClickOrder(page, context, baseURL, "lh-tote");

  await page.getByTestId("signed-in-button").click();
  await page.getByTestId("account-slot").getByRole("link", { name: "Your orders" }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page).toHaveTitle(/^Your orders/);
  const rows = page.getByTestId("order-list").getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(`Order ${second.id}`);
  // Authorized, or already captured by Bolt's webhook (the test storefronts capture at once).
  await expect(rows.nth(0)).toContainText(/Order confirmed|Paid/);
  await expect(rows.nth(0)).toContainText(second.total);
  await expect(rows.nth(1)).toContainText(`Order ${first.id}`);
  await expect(rows.nth(1)).toContainText(first.total);
  await expect(page.getByRole("link", { name: /Older orders|Newer orders/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, "your-orders-desktop.png"), fullPage: true });

  await page.setViewportSize(PHONE);
  await fitsThePhone(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, "your-orders-phone.png"), fullPage: true });

  await page.getByRole("link", { name: `Order ${first.id}` }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${first.id}$`));
  await expect(page.getByTestId("order-status")).toHaveText(/^(Order confirmed|Paid)$/);
  await expect(page.getByTestId("order-total")).toHaveText(first.total);
  await expect(page.getByTestId("order-link")).toHaveCount(0);
  await fitsThePhone(page);
});

test("Your orders works from the keyboard alone", async ({ page, context, baseURL, bolt }) => {
  const shopper = await readyShopper(bolt);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await placeOrderButton(page).click();
  const order = await placed(page);

  await page.getByTestId("signed-in-button").focus();
  await page.keyboard.press("Enter");
  const menuLink = page.getByRole("banner").getByRole("link", { name: "Your orders" });
  await expect(menuLink).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(menuLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Your orders" })).toBeVisible();

  const link = page.getByRole("link", { name: `Order ${order.id}` });
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
});

test("signed out, Your orders offers Bolt's sign-in, then lists the shopper's orders", async ({
  page,
  context,
  baseURL,
  bolt,
}) => {
  const shopper = await readyShopper(bolt);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await placeOrderButton(page).click();
  const order = await placed(page);
  await page.getByTestId("signed-in-button").click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  await page.goto("/orders");
  await expect(page.getByRole("heading", { name: "Sign in to see your orders" })).toBeVisible();
  await expect(page.getByText(/Ordered as a guest\? Your order confirmation has a link/)).toBeVisible();
  await expect(page.getByTestId("order-list")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole("main").getByRole("textbox", { name: "Email" }).fill(shopper.email);
  await enterCode(page);
  await expect(page.getByRole("link", { name: `Order ${order.id}` })).toBeVisible();
});

test("a guest keeps the link to their order: it opens the order anywhere, the id alone or a wrong key opens nothing", async ({
  page,
  context,
  baseURL,
  browser,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize(DESKTOP);
  const order = await guestOrder(page, context, baseURL);

  const keep = page.getByTestId("order-link");
  await expect(keep.getByRole("heading", { name: "Keep this link" })).toBeVisible();
  // Once the page runs, the link shows in full, with the origin the browser used.
  const link = keep.getByRole("link");
  await expect(link).toHaveText(/^http.+\?key=[\w-]{43}$/);
  const url = (await link.textContent()) ?? "";
  expect(url.startsWith(`${baseURL}/orders/${order.id}?key=`)).toBe(true);
  await keep.getByRole("button", { name: "Copy link" }).focus();
  await page.keyboard.press("Enter");
  await expect(keep.getByRole("status")).toHaveText("Link copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(page).toHaveTitle(/^Order (confirmed|paid)/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, "order-page-desktop.png"), fullPage: true });
  await page.setViewportSize(PHONE);
  await fitsThePhone(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, "order-page-phone.png"), fullPage: true });

  // The page says the same, with a 404, whatever keeps it from showing the order.
  const stranger = await browser.newContext({ baseURL });
  try {
    const other = await stranger.newPage();
    const opened = await other.goto(url);
    expect(opened?.status()).toBe(200);
    await expect(other.getByTestId("order-id")).toHaveText(order.id);
    await expect(other.getByText("12 Guest Lane")).toBeVisible();

    const key = new URL(url).searchParams.get("key") ?? "";
    const wrongKey = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    const refusals: string[] = [];
    for (const attempt of [
      `/orders/${order.id}`,
      `/orders/${order.id}?key=${wrongKey}`,
      `/orders/${order.id.replace(/.$/, (last) => (last === "0" ? "1" : "0"))}?key=${key}`,
    ]) {
      const response = await other.goto(attempt);
      expect(response?.status()).toBe(404);
      await expect(notShown(other)).toBeVisible();
      await expect(other.getByText("12 Guest Lane")).toHaveCount(0);
      refusals.push((await other.getByRole("main").textContent()) ?? "");
    }
    expect(new Set(refusals).size).toBe(1);
    await expectNoAxeViolations(other);
  } finally {
    await stranger.close();
  }
});

test("a signed-in shopper's order is not shown to another shopper, nor after logout", async ({
  page,
  context,
  baseURL,
  bolt,
  browser,
}) => {
  const shopper = await readyShopper(bolt);
  await seedCart(context, baseURL, [{ id: "lh-mug", quantity: 1 }]);
  await page.goto("/checkout");
  await signInAtCheckout(page, shopper.email);
  await placeOrderButton(page).click();
  const order = await placed(page);

  const elsewhere = await browser.newContext({ baseURL });
  try {
    const other = await elsewhere.newPage();
    const someoneElse = await readyShopper(bolt);
    await seedCart(elsewhere, baseURL, [{ id: "lh-mug", quantity: 1 }]);
    await other.goto("/checkout");
    await signInAtCheckout(other, someoneElse.email);
    const response = await other.goto(`/orders/${order.id}`);
    expect(response?.status()).toBe(404);
    await expect(notShown(other)).toBeVisible();
  } finally {
    await elsewhere.close();
  }

  await page.getByTestId("signed-in-button").click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.reload();
  await expect(notShown(page)).toBeVisible();
});
