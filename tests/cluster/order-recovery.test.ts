import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startProcess, stopProcess, waitForUrl } from "@/scripts/processes.mjs";
import { startLedgerPostgres } from "@/tests/support/postgres-server.mjs";
import { freePort } from "@/tests/support/redis-server.mjs";
import { TEST_TUNING, testAppEnv } from "@/tests/support/test-env.mjs";
import { bolt } from "../integration/helpers";
import { closeBrowser, newShopper, payAsGuest, placeOrder, signInBrowser } from "./browser";
import { startCluster } from "./harness";
import { AUTHORIZE, boltAnsweredSince, ledgerOrdersOf } from "./storefront";

// A storefront of its own per test, started here, that the test kills, or whose database or Redis it
// stops, while a shopper pays. Whatever happens, Bolt holds at most one transaction for the order.

const LOGS = ".test-run/cluster-recovery";
/** Its reconciler looks at a lost order within seconds, not minutes. */
const QUICK_RECONCILER = { ...TEST_TUNING, reconcileIntervalMs: 500, firstCheckDelayMs: 1_000 };

afterAll(() => closeBrowser());

type Storefront = { url: string; child: ChildProcess };

/** `next start` of the test build on `port`, with `env` on top of the test storefront's. */
async function startStorefront(port: number, env: Record<string, string>, log: string): Promise<Storefront> {
  const url = `http://localhost:${port}`;
  const child = startProcess(
    `storefront-${port}`,
    "npx",
    ["next", "start", "-p", String(port)],
    { ...testAppEnv, PORT: String(port), APP_ORIGIN: url, STOREFRONT_TUNING: JSON.stringify(QUICK_RECONCILER), ...env },
    { logFile: `${LOGS}-${log}.log` },
  );
  await waitForUrl(`${url}/api/health`, 90_000);
  return { url, child };
}

/** As a crash: no shutdown, nothing finished. */
async function kill({ child }: Storefront): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGKILL");
  await exited;
  await stopProcess(child);
}

/** A shopper with a saved address and card, and a fresh code from Bolt's modal to sign in with. */
async function shopperWithCard() {
  const shopper = await bolt.signedInShopper();
  await bolt.saveTestCard(shopper.tokens.access_token);
  return { email: shopper.email, code: await bolt.loginCode(shopper.email) };
}

/**
 * Bolt takes 4 s, then charges and answers: the storefront is killed while it waits, so Bolt charges an
 * order whose answer this storefront never writes. The emulator goes on with a request whose client left.
 */
const slowBolt = (email: string) => bolt.addFault({ path: AUTHORIZE, email, latencyMs: 4_000, times: 1 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the storefront dies while Bolt charges", () => {
  it("a guest's order becomes authorized by itself once it is back (its reconciler), charged once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "storefront-pglite-"));
    const port = await freePort();
    let storefront = await startStorefront(port, { PGLITE_DATA_DIR: dataDir }, "guest");
    const { context, page } = await newShopper(storefront.url);
    try {
      const email = `crash-${Date.now()}@example.test`;
      await page.goto(`${storefront.url}/checkout`);
      await payAsGuest(page, email);
      const slow = await slowBolt(email);
      await page.getByRole("button", { name: /^Place order/ }).click();
      // Bolt has the request, so the order is written and sent; the storefront dies before Bolt's answer
      // (and its record) arrive.
      await expect.poll(() => slow.standing(), { timeout: 15_000 }).toBe(false);
      await kill(storefront);
      await slow.remove();
      await expect.poll(async () => (await bolt.orders(email)).length, { timeout: 10_000 }).toBe(1);
      const [lost] = await ledgerOrdersOf(dataDir, email);
      expect(lost?.status).toBe("pending");

      storefront = await startStorefront(port, { PGLITE_DATA_DIR: dataDir }, "guest-again");
      // Its send lock (a few seconds) runs out, then the reconciler resends and Bolt answers with the first result.
      await boltAnsweredSince(email, new Date(), 30_000);
      await stopProcess(storefront.child);
      const [order] = await ledgerOrdersOf(dataDir, email);
      expect(order).toMatchObject({ id: lost?.id, status: "authorized" });
      expect(order?.events).toEqual(
        expect.arrayContaining([
          ["resent", "reconciler"],
          ["authorized", "bolt"],
        ]),
      );
      expect((await bolt.orders(email)).map((transaction) => transaction.orderReference)).toEqual([order?.id]);
    } finally {
      await context.close();
      await stopProcess(storefront.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it("a signed-in shopper's order is checked on their next visit and shown, charged once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "storefront-pglite-"));
    const port = await freePort();
    const shopper = await shopperWithCard();
    let storefront = await startStorefront(port, { PGLITE_DATA_DIR: dataDir }, "signed-in");
    const { context, page } = await newShopper(storefront.url);
    try {
      await signInBrowser(context, storefront.url, shopper.code);
      await page.goto(`${storefront.url}/checkout`);
      const slow = await slowBolt(shopper.email);
      await page.getByRole("button", { name: /^Place order/ }).click();
      await expect.poll(() => slow.standing(), { timeout: 15_000 }).toBe(false);
      await kill(storefront);
      await slow.remove();
      await expect.poll(async () => (await bolt.orders(shopper.email)).length, { timeout: 10_000 }).toBe(1);

      storefront = await startStorefront(port, { PGLITE_DATA_DIR: dataDir }, "signed-in-again");
      // Without the shopper's token the reconciler can't resend it; their next visit to the checkout does.
      await sleep(7_000);
      await page.goto(`${storefront.url}/checkout`);
      await page.waitForURL(/\/orders\//, { timeout: 30_000 });
      const [paid, ...more] = await bolt.orders(shopper.email);
      expect(page.url()).toMatch(new RegExp(`/orders/${paid?.orderReference}$`));
      expect(more).toEqual([]);
      await stopProcess(storefront.child);
      const [order] = await ledgerOrdersOf(dataDir, shopper.email);
      expect(order).toMatchObject({ id: paid?.orderReference, status: "authorized" });
    } finally {
      await context.close();
      await stopProcess(storefront.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("a store the money path no longer needs, or can't do without", () => {
  it("Postgres stopped while a shopper clicks: nothing is sent to Bolt, and the shopper is told so", async () => {
    const postgres = await startLedgerPostgres();
    const storefront = await startStorefront(await freePort(), { DATABASE_URL: postgres.url }, "postgres");
    const { context, page } = await newShopper(storefront.url);
    try {
      const email = `no-ledger-${Date.now()}@example.test`;
      await page.goto(`${storefront.url}/checkout`);
      await payAsGuest(page, email);
      await postgres.stop();
      const outcome = await placeOrder(page);
      expect(outcome).toEqual({
        placed: false,
        message: "We couldn't record your order just now, so nothing was charged. Please try again in a moment.",
      });
      expect(await bolt.requests({ email, path: AUTHORIZE })).toEqual([]);
      expect(await bolt.orders(email)).toEqual([]);
    } finally {
      await context.close();
      await stopProcess(storefront.child);
      await postgres.stop();
    }
  }, 120_000);

  it("Redis stopped while Bolt charges: the order is placed and recorded, and Bolt charged once", async () => {
    const cluster = await startCluster({ instances: 1, redis: true, env: {}, logPrefix: `${LOGS}-redis` });
    const { context, page } = await newShopper(cluster.url);
    const checkoutId = async () =>
      (await context.cookies()).find((cookie) => cookie.name === "checkout_id")?.value ?? "";
    let before = "";
    try {
      const shopper = await shopperWithCard();
      await signInBrowser(context, cluster.url, shopper.code);
      await page.goto(`${cluster.url}/checkout`);
      before = await checkoutId();
      const slow = await bolt.addFault({ path: AUTHORIZE, email: shopper.email, latencyMs: 2_000, times: 1 });
      try {
        const click = placeOrder(page);
        // Redis stops once Bolt has the request, while Bolt holds it.
        await expect.poll(() => slow.standing(), { timeout: 15_000, interval: 20 }).toBe(false);
        await cluster.redis?.stop();
        const outcome = await click;
        const [paid, ...more] = await bolt.orders(shopper.email);
        expect(outcome).toEqual({ placed: true, orderId: paid?.orderReference });
        expect(more).toEqual([]);
        // A new checkout starts only once the ledger says the order is placed.
        expect(before).not.toBe("");
        expect(await checkoutId()).not.toBe(before);
      } finally {
        await slow.remove();
      }
    } finally {
      await context.close();
      await cluster.stop();
    }
  }, 180_000);
});
