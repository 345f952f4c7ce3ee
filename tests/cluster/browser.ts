import { chromium, type Browser } from "playwright-core";
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
    await page.getByRole("button", { name: /^Place order/ }).click();
    const alert = page.getByRole("alert").filter({ hasText: /\S/ });
    await Promise.race([page.waitForURL(/\/orders\//, { timeout: 20_000 }), alert.waitFor({ timeout: 20_000 })]);
    if (/\/orders\//.test(page.url())) return { placed: true };
    return { placed: false, message: (await alert.textContent()) ?? "" };
  } finally {
    await context.close();
  }
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
