import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { stopProcess } from "@/scripts/processes.mjs";
import { freePort } from "@/tests/support/redis-server.mjs";
import { TEST_TUNING } from "@/tests/support/test-env.mjs";
import { bolt } from "../integration/helpers";
import { closeBrowser, newShopper, payAsGuest, placeOrder } from "./browser";
import {
  AUTHORIZE,
  boltAnsweredSince,
  closedCleanly,
  ledgerOrdersOf,
  startStorefront,
  type Storefront,
} from "./storefront";

// SIGTERM while a shopper pays, as an orchestrator sends it before replacing an instance: the storefront
// answers what is in flight, closes its ledger and exits within 10 s, and no payment is lost or doubled.

const LOGS = ".test-run/cluster-shutdown";
const STOP_DEADLINE_MS = 10_000;
/** A payment may take 20 s here, longer than a stop may: the stop, not the budget, ends the wait. */
const TUNING = { ...TEST_TUNING, boltPaymentTimeoutMs: 20_000, reconcileIntervalMs: 500, firstCheckDelayMs: 1_000 };

afterAll(() => closeBrowser());

/** Sends SIGTERM to the server process; resolves to its exit code and how long it took. */
async function terminate(storefront: Storefront): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  process.kill(storefront.child.pid!, "SIGTERM");
  const code = await storefront.exited;
  return { code, ms: Date.now() - started };
}

/** Clicks "Place order" and resolves once the action's request has its answer (its HTTP status). */
async function clickAndAnswer(page: Page) {
  const answered = page.waitForResponse(
    (response) => response.request().method() === "POST" && "next-action" in response.request().headers(),
    { timeout: 30_000 },
  );
  const outcome = placeOrder(page).catch(() => undefined);
  return { answered, outcome };
}

async function guestAtCheckout(storefront: Storefront, email: string) {
  const shopper = await newShopper(storefront.url);
  await shopper.page.goto(`${storefront.url}/checkout`);
  await payAsGuest(shopper.page, email);
  return shopper;
}

describe("SIGTERM during a payment", () => {
  it("lets a payment in flight finish, answers the shopper, closes the ledger and exits within 10 s", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "storefront-pglite-"));
    const env = { PGLITE_DATA_DIR: dataDir, STOREFRONT_TUNING: JSON.stringify(TUNING) };
    const storefront = await startStorefront(env, `${LOGS}-finish.log`);
    const email = `stop-finish-${Date.now()}@example.test`;
    const { context, page } = await guestAtCheckout(storefront, email);
    try {
      const slow = await bolt.addFault({ path: AUTHORIZE, email, latencyMs: 4_000, times: 1 });
      const { answered } = await clickAndAnswer(page);
      // Bolt has the request, so the order is written and sent.
      await expect.poll(() => slow.standing(), { timeout: 15_000 }).toBe(false);
      const stopped = terminate(storefront);
      expect((await answered).status()).toBe(200);
      const { code, ms } = await stopped;
      await slow.remove();
      expect(code).toBe(0);
      expect(ms).toBeLessThan(STOP_DEADLINE_MS);

      expect(closedCleanly(dataDir)).toBe(true);
      const [order, ...more] = await ledgerOrdersOf(dataDir, email);
      expect(more).toEqual([]);
      expect(order?.status).toBe("authorized");
      expect((await bolt.orders(email)).map((transaction) => transaction.orderReference)).toEqual([order?.id]);
    } finally {
      await context.close();
      await stopProcess(storefront.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("leaves a payment that outlasts the stop unconfirmed; the next instance's reconciler authorizes it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "storefront-pglite-"));
    const port = await freePort();
    const env = { PGLITE_DATA_DIR: dataDir, STOREFRONT_TUNING: JSON.stringify(TUNING) };
    let storefront = await startStorefront(env, `${LOGS}-outlast.log`, port);
    const email = `stop-outlast-${Date.now()}@example.test`;
    const { context, page } = await guestAtCheckout(storefront, email);
    try {
      // Bolt charges after 12 s, long after the store has let go of the request.
      const slow = await bolt.addFault({ path: AUTHORIZE, email, latencyMs: 12_000, times: 1 });
      const { answered, outcome } = await clickAndAnswer(page);
      // Bolt has the request, so the order is written and sent.
      await expect.poll(() => slow.standing(), { timeout: 15_000 }).toBe(false);
      const { code, ms } = await terminate(storefront);
      await slow.remove();
      expect(code).toBe(0);
      expect(ms).toBeLessThan(STOP_DEADLINE_MS);
      // The shopper heard that Bolt is still confirming, as after any timeout.
      expect((await answered).status()).toBe(200);
      expect(await outcome).toMatchObject({ placed: false, message: expect.stringMatching(/confirm/i) });

      expect(closedCleanly(dataDir)).toBe(true);
      const [left] = await ledgerOrdersOf(dataDir, email);
      expect(left?.status).toBe("unconfirmed");

      // Bolt finishes the first request; the reconciler looks at an unconfirmed order when it is due (30 s on).
      await expect.poll(async () => (await bolt.orders(email)).length, { timeout: 15_000 }).toBe(1);
      storefront = await startStorefront(env, `${LOGS}-outlast-again.log`, port);
      const dueAt = left?.nextCheckAt?.getTime() ?? Date.now();
      await boltAnsweredSince(email, new Date(), Math.max(0, dueAt - Date.now()) + 20_000);
      await terminate(storefront);

      const [order] = await ledgerOrdersOf(dataDir, email);
      expect(order).toMatchObject({ id: left?.id, status: "authorized" });
      expect(order?.events).toEqual(expect.arrayContaining([["authorized", "bolt"]]));
      expect((await bolt.orders(email)).map((transaction) => transaction.orderReference)).toEqual([order?.id]);
    } finally {
      await context.close();
      await stopProcess(storefront.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
