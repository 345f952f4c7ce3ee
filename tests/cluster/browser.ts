import { randomUUID } from "node:crypto";
import { chromium, type Browser, type Page } from "playwright-core";
import { boltAccountCheckbox, fillAddress, fillCard, fillMobile, GUEST_ADDRESS } from "@/e2e/helpers/forms";
import { CHROMIUM_ARGS, findBrowser } from "@/scripts/find-browser.mjs";

// Placing an order is a server action: a real Chromium clicks the button, as a shopper would.

let browser: Browser | undefined;

export type OrderAttempt = { placed: true } | { placed: false; message: string };

/** Loads /checkout on `base` with the session and a one-mug cart, clicks "Place order", and reads the outcome. */
export async function placeOrderInBrowser(base: string, sessionCookie: string): Promise<OrderAttempt> {
  browser ??= await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  try {
    const [name = "", ...value] = sessionCookie.split("=");
    await context.addCookies([
      { name, value: value.join("="), url: base },
      { name: "cart", value: encodeURIComponent(JSON.stringify([{ id: "lh-mug", quantity: 1 }])), url: base },
    ]);
    const page = await context.newPage();
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
  browser ??= await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  try {
    await context.addCookies([
      { name: "cart", value: encodeURIComponent(JSON.stringify([{ id: "lh-mug", quantity: 1 }])), url: base },
    ]);
    await context.route(`${base}/**`, (route) =>
      route.continue({ headers: { ...route.request().headers(), "x-client-ip": ip } }),
    );
    const page = await context.newPage();
    await page.goto(`${base}/checkout`);
    await page.getByRole("textbox", { name: "Email" }).fill(`guest-${randomUUID().slice(0, 8)}@example.test`);
    await page.getByText(/No Bolt account uses/).waitFor();
    await fillAddress(page, GUEST_ADDRESS);
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await boltAccountCheckbox(page).uncheck();
    await fillCard(page);
    await fillMobile(page);
    return await placeOrder(page);
  } finally {
    await context.close();
  }
}

/** Clicks "Place order" and reads what follows: the confirmation, or the checkout's alert. */
async function placeOrder(page: Page): Promise<OrderAttempt> {
  await page.getByRole("button", { name: /^Place order/ }).click();
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await Promise.race([page.waitForURL(/\/orders\//, { timeout: 20_000 }), alert.waitFor({ timeout: 20_000 })]);
  if (/\/orders\//.test(page.url())) return { placed: true };
  return { placed: false, message: (await alert.textContent()) ?? "" };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
