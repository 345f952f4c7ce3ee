import { randomUUID } from "node:crypto";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { boltAccountCheckbox, fillAddress, fillCard, fillMobile, GUEST_ADDRESS } from "@/e2e/helpers/forms";
import { CHROMIUM_ARGS, findBrowser } from "@/scripts/find-browser.mjs";
import { signInBody } from "../integration/helpers";

// Placing an order is a server action: a real Chromium clicks the button, as a shopper would.

let browser: Browser | undefined;

export type OrderAttempt = { placed: true; orderId: string } | { placed: false; message: string };

const MUG_CART = encodeURIComponent(JSON.stringify([{ id: "lh-mug", quantity: 1 }]));

/** A new browser (its own cookies) with a one-mug cart on `base`. */
export async function newShopper(base: string): Promise<{ context: BrowserContext; page: Page }> {
  browser ??= await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  await context.addCookies([{ name: "cart", value: MUG_CART, url: base }]);
  return { context, page: await context.newPage() };
}

/** Loads /checkout on `base` with the session and a one-mug cart, clicks "Place order", and reads the outcome. */
export async function placeOrderInBrowser(base: string, sessionCookie: string): Promise<OrderAttempt> {
  const { context, page } = await newShopper(base);
  try {
    const [name = "", ...value] = sessionCookie.split("=");
    await context.addCookies([{ name, value: value.join("="), url: base }]);
    await page.goto(`${base}/checkout`);
    return await placeOrder(page);
  } finally {
    await context.close();
  }
}

/**
 * Pays for a one-mug cart on `base` as a guest with a new email, from client IP `ip` (the trusted
 * header, on the storefront's requests only), declining Bolt's account; reads the outcome.
 */
export async function guestPayInBrowser(base: string, ip: string): Promise<OrderAttempt> {
  const { context, page } = await newShopper(base);
  try {
    await context.route(`${base}/**`, (route) =>
      route.continue({ headers: { ...route.request().headers(), "x-client-ip": ip } }),
    );
    await page.goto(`${base}/checkout`);
    await payAsGuest(page, `guest-${randomUUID().slice(0, 8)}@example.test`);
    return await placeOrder(page);
  } finally {
    await context.close();
  }
}

/** On /checkout: types the guest's email, address and card, declining Bolt's account, ready to place the order. */
export async function payAsGuest(page: Page, email: string): Promise<void> {
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByText(/No Bolt account uses/).waitFor();
  await fillAddress(page, GUEST_ADDRESS);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await declineBoltAccount(page);
  await fillCard(page);
  await fillMobile(page);
}

/**
 * Unticks Bolt's account checkbox. On a loaded machine a click was once seen to leave it ticked (the
 * payment step still settling); as a shopper would, this clicks again, at most twice more.
 */
async function declineBoltAccount(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boltAccountCheckbox(page).uncheck({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Clicks "Place order" and reads what follows: the order's page (and its id), or the checkout's alert. */
export async function placeOrder(page: Page): Promise<OrderAttempt> {
  await page.getByRole("button", { name: /^Place order/ }).click();
  const alert = page.locator("main").getByRole("alert").filter({ hasText: /\S/ }).first();
  await Promise.race([page.waitForURL(/\/orders\//, { timeout: 20_000 }), alert.waitFor({ timeout: 20_000 })]);
  const placed = /\/orders\/([^/?#]+)/.exec(page.url());
  if (placed?.[1]) return { placed: true, orderId: decodeURIComponent(placed[1]) };
  return { placed: false, message: (await alert.textContent()) ?? "" };
}

/** Signs this browser in with a code from Bolt's modal, as the checkout's page posts it. */
export async function signInBrowser(context: BrowserContext, base: string, code: string): Promise<void> {
  const response = await context.request.post(`${base}/api/bolt/session`, {
    headers: { Origin: base, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
    data: signInBody(code),
  });
  if (response.status() !== 200) throw new Error(`sign-in answered ${response.status()}`);
}

export async function logOutBrowser(context: BrowserContext, base: string): Promise<void> {
  const response = await context.request.delete(`${base}/api/bolt/session`, {
    headers: { Origin: base, "Sec-Fetch-Site": "same-origin" },
  });
  if (response.status() !== 200) throw new Error(`logout answered ${response.status()}`);
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
