// Page-level steps shared by the end-to-end journeys.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { SANDBOX_OTP } from "bolt-emulator/test-client";
export {
  boltAccountCheckbox,
  CARD_FIELD,
  cardField,
  fillAddress,
  fillCard,
  fillMobile,
  futureExpiry,
  GUEST_ADDRESS,
  type AddressEntry,
} from "./forms";

/**
 * Where journeys save their screenshots: the README's `docs/screenshots` when refreshing them
 * (`UPDATE_SCREENSHOTS=1 npm test`), otherwise the test output, so a plain run leaves the tree clean.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.join(import.meta.dirname, "..", "..", "docs", "screenshots")
  : path.join(import.meta.dirname, "..", "..", "test-results", "screenshots");

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** Puts products in the cart the way the server stores it (ids and quantities; prices stay on the server). */
export async function seedCart(
  context: BrowserContext,
  baseURL: string | undefined,
  lines: Array<{ id: string; quantity: number }>,
) {
  await context.addCookies([{ name: "cart", value: encodeURIComponent(JSON.stringify(lines)), url: baseURL }]);
}

/** From the home page, opens the Stoneware Mug and adds one to an empty cart, as a shopper does. */
export async function addMugFromHome(page: Page) {
  await page.goto("/");
  await page
    .getByRole("link", { name: /Stoneware Mug/ })
    .first()
    .click();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
}

export const BOLT_MODAL = 'iframe[title="Sign in with Bolt"]';

/** Types the email at checkout and completes Bolt's modal with the one-time code. */
export async function signInAtCheckout(page: Page, email: string, otp = SANDBOX_OTP) {
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await enterCode(page, otp);
  await expect(page.getByTestId("signed-in-button")).toBeVisible();
}

/** Bolt's modal submits by itself once six digits are in. */
export async function enterCode(page: Page, otp = SANDBOX_OTP) {
  const code = page.frameLocator(BOLT_MODAL).getByLabel("One-time code");
  // The modal focuses the field once it is ready; a code typed before that can be cleared by its start-up.
  await expect(code).toBeFocused();
  await code.fill(otp);
}

export async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target).join(", ")}`)).toEqual([]);
}

export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name.endsWith("bolt_session"));
}

export function placeOrderButton(page: Page) {
  return page.getByRole("button", { name: /^Place order/ });
}

/**
 * A full-page screenshot in which Bolt's frames show too: Chromium paints a cross-origin frame only
 * inside the viewport, so the viewport is made as tall as the page for the shot.
 */
export async function screenshotWithFrames(page: Page, file: string) {
  const viewport = page.viewportSize() ?? DESKTOP;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.evaluate(() => window.scrollTo(0, 0));
  // Two frames, so the frames below the old fold have painted.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: file, fullPage: true });
  await page.setViewportSize(viewport);
}
