// The order desk in the browser: a merchant's sign-in and buttons, and a storefront of the test build
// that captures manually, which the shared test storefronts (BOLT_CAPTURE=auto) can't show.
import { rmSync } from "node:fs";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import type { EmulatorTestClient } from "bolt-emulator/test-client";
import { startProcess, stopProcess, waitForUrl } from "../../scripts/processes.mjs";
import { freePort } from "../../tests/support/redis-server.mjs";
import {
  TEST_ADMIN_PASSWORD,
  TEST_OUTPUT,
  TEST_PAIRS,
  TEST_SERVER,
  TEST_TUNING,
  webhookUrl,
} from "../../tests/support/test-env.mjs";
import { test as base, type Profile } from "./fixtures";
import { placeOrderButton, seedCart, signInAtCheckout } from "./storefront";

export type ManualStorefront = { url: string };

/** How long the manual storefront waits for Bolt's capture, void, refund or review: short, so a test can outwait it. */
export const MANUAL_PAYMENT_TIMEOUT_MS = 3000;

/**
 * `test`, with a storefront of the test build started for this worker with `BOLT_CAPTURE=manual`,
 * talking to the project's emulator (either profile), with a ledger of its own. The shared pairs keep
 * `BOLT_CAPTURE=auto`, so the sandbox profile's auto-captured answers stay covered; Bolt delivers its
 * webhooks to both, each keeping what is not its own in its inbox of unmatched events.
 */
export const test = base.extend<object, { manualStorefront: ManualStorefront }>({
  manualStorefront: [
    async ({ profile, bolt }, use, workerInfo) => {
      const pair = TEST_PAIRS[profile === "sandbox" ? 1 : 0]!;
      const port = await freePort();
      const url = `http://localhost:${port}`;
      const name = `storefront-manual-${profile}-${workerInfo.workerIndex}`;
      const ledger = `${process.cwd()}/${TEST_OUTPUT}/pglite-${name}`;
      rmSync(ledger, { recursive: true, force: true });
      const child = startProcess(
        name,
        "node",
        [TEST_SERVER],
        {
          ...pair.app.env,
          PORT: String(port),
          APP_ORIGIN: url,
          BOLT_CAPTURE: "manual",
          PGLITE_DATA_DIR: ledger,
          STOREFRONT_TUNING: JSON.stringify({ ...TEST_TUNING, boltPaymentTimeoutMs: MANUAL_PAYMENT_TIMEOUT_MS }),
        },
        { logFile: `${TEST_OUTPUT}/${name}.log` },
      );
      await waitForUrl(`${url}/api/health`, 60_000).catch(async (error: unknown) => {
        await stopProcess(child);
        throw error;
      });
      const webhook = await bolt.registerWebhook(webhookUrl(url));
      await use({ url });
      await bolt.deleteWebhook(webhook);
      await stopProcess(child);
    },
    { scope: "worker", timeout: 90_000 },
  ],
});

export { expect };
export type { Profile };

/** Signs in at `${base}/admin` as the merchant (in a context of the merchant's own). */
export async function signInToDesk(page: Page, base: string, password = TEST_ADMIN_PASSWORD) {
  await page.goto(`${base}/admin`);
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
}

/** Opens an order at the desk. */
export async function openDeskOrder(page: Page, base: string, orderId: string) {
  await page.goto(`${base}/admin/orders/${orderId}`);
  await expect(page.getByRole("heading", { level: 1, name: `Order ${orderId}` })).toBeVisible();
}

export const deskStatus = (page: Page) => page.getByTestId("desk-order-status");
export const deskResult = (page: Page) => page.getByTestId("desk-result");
export const deskError = (page: Page) => page.getByTestId("desk-error");

/** Types an amount into an action's form and presses its button; waits for Bolt's answer to show. */
export async function pressWithAmount(page: Page, action: "Capture" | "Refund", amount: string, reason?: string) {
  const form = page.getByTestId(`desk-${action.toLowerCase()}`);
  await form.getByLabel(`Amount to ${action.toLowerCase()}`).fill(amount);
  if (reason !== undefined) await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: action, exact: true }).click();
}

/** A shopper of this test's own with an address and Bolt's test Visa, signed in at `base`'s checkout. */
export async function shopperPays(
  page: Page,
  context: BrowserContext,
  base: string,
  bolt: EmulatorTestClient,
  productId = "lh-tote",
) {
  const shopper = await bolt.signedInShopper();
  await bolt.saveTestCard(shopper.tokens.access_token);
  await seedCart(context, base, [{ id: productId, quantity: 1 }]);
  await page.goto(`${base}/checkout`);
  await signInAtCheckout(page, shopper.email);
  await placeOrderButton(page).click();
  await expect(page).toHaveURL(/\/orders\/[0-9A-Z]{12}$/);
  const orderId = (await page.getByTestId("order-id").textContent()) ?? "";
  const total = (await page.getByTestId("order-total").textContent()) ?? "";
  return { email: shopper.email, orderId, total };
}

/** Reloads the page until `check` passes: for what a webhook changes, which no click on this page causes. */
export async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 15_000) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [250, 500, 1000] });
}
