import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { orderEvents as events, orders } from "@/lib/db/schema";
import {
  callCheckoutAction,
  checkoutActionIds,
  CookieJar,
  guestFields,
  savedCardFields,
  shownCart,
} from "@/tests/support/checkout-actions.mjs";
import { TEST_DIST_DIR, TEST_TUNING } from "@/tests/support/test-env.mjs";
import { bolt } from "../integration/helpers";
import { startCluster, type Cluster } from "./harness";
import { CART_COOKIE, signedIn } from "./shop";

// Two instances on one Postgres, 200 shoppers clicking "Place order" (the checkout's server action,
// over HTTP), and Postgres restarted in the middle of it. A merchant's question: did any order get
// lost, or charged twice, and was every shopper whose click failed told the truth?

const SHOPPERS = 200;
const IN_FLIGHT = 8;
/** Orders answered before Postgres goes down (half a second, as a restart on a busy host), clicks in flight. */
const RESTART_AFTER = 80;
const DOWN_MS = 500;

const ENV = {
  STOREFRONT_TUNING: JSON.stringify({
    ...TEST_TUNING,
    // The reconciler writes an answer its instance could not within a second or two, not minutes.
    reconcileIntervalMs: 500,
    firstCheckDelayMs: 1_000,
    rateLimits: { ...TEST_TUNING.rateLimits, guestPayments: "1000/1m" },
  }),
};

type Shopper = {
  email: string;
  jar: CookieJar;
  /** A guest, or a signed-in shopper's saved address and card. */
  saved?: { addressId: string; cardId: string };
};
type Click = { orderId?: string; message?: string; status: number };

const run = Date.now().toString(36);
const actions = checkoutActionIds(TEST_DIST_DIR);
let cluster: Cluster;
let ledger: DatabaseHandle;

beforeAll(async () => {
  cluster = await startCluster({ instances: 2, redis: true, env: ENV, logPrefix: ".test-run/cluster-restart" });
  ledger = await openDatabase({ url: cluster.postgres.url, dataDir: "memory://" });
});
afterAll(async () => {
  await ledger?.close();
  await cluster?.stop();
});

/** Runs `work` on every item, `size` at a time. */
async function inPool<T>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
}

const guest = (index: number): Shopper => ({
  email: `restart-${run}-guest-${index}@example.test`,
  jar: new CookieJar(CART_COOKIE),
});

/** A Bolt shopper with a saved card, signed in at the storefront as Bolt's modal does it. */
async function signedInShopper(): Promise<Shopper> {
  const shopper = await bolt.signedInShopper();
  const card = await bolt.saveTestCard(shopper.tokens.access_token);
  const { addresses } = await bolt.account(shopper.tokens.access_token);
  const session = await signedIn(cluster.url, cluster.url, await bolt.loginCode(shopper.email));
  return {
    email: shopper.email,
    jar: new CookieJar(`${CART_COOKIE}; ${session}`),
    saved: { addressId: addresses[0]!.id, cardId: card.id },
  };
}

/** One click of "Place order"; a guest's card is tokenized again for each click, as Bolt's field does. */
async function click(shopper: Shopper, shown: { total: string; fingerprint: string }): Promise<Click> {
  const { saved, email, jar } = shopper;
  const fields = saved
    ? savedCardFields({ shown, ...saved })
    : guestFields({ shown, email, card: await bolt.tokenizeCard() });
  const answer = await callCheckoutAction({
    base: cluster.url,
    origin: cluster.url,
    actionId: saved ? actions.paySignedIn! : actions.payAsGuest!,
    jar,
    fields,
  });
  return { status: answer.status, orderId: answer.orderId, message: answer.state?.message };
}

async function ledgerOrders(emails: string[]) {
  return ledger.db
    .select({ id: orders.id, email: orders.email, status: orders.status, boltReference: orders.boltReference })
    .from(orders)
    .where(inArray(orders.email, emails));
}

describe("Postgres restarts while 200 shoppers place their orders", () => {
  it("loses no order, charges none twice, and tells each shopper whose click failed that nothing was charged", async () => {
    const shoppers: Shopper[] = [];
    await inPool(
      Array.from({ length: SHOPPERS }, (_, i) => i),
      IN_FLIGHT,
      // Every other one signed in, so the restart finds both kinds of click in flight.
      async (i) => void shoppers.push(i % 2 === 0 ? await signedInShopper() : guest(i)),
    );
    const emails = shoppers.map((shopper) => shopper.email.toLowerCase());
    const shown = await shownCart(cluster.url, CART_COOKIE);

    const first = new Map<Shopper, Click>();
    let answered = 0;
    let restart: Promise<void> | undefined;
    await inPool(shoppers, IN_FLIGHT, async (shopper) => {
      first.set(shopper, await click(shopper, shown));
      if (++answered === RESTART_AFTER) restart = cluster.postgres.restart({ downMs: DOWN_MS });
    });
    await restart;

    // Every click either placed its order or said that nothing was charged.
    const failed = shoppers.filter((shopper) => !first.get(shopper)?.orderId);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(SHOPPERS);
    for (const shopper of failed) expect(first.get(shopper)?.message).toMatch(/nothing was charged/);
    const chargedAnyway = new Set<string>();
    for (const shopper of failed) if ((await bolt.orders(shopper.email)).length > 0) chargedAnyway.add(shopper.email);

    // Each of them clicks again once the database is back: one order each.
    const again = new Map<Shopper, Click>();
    await inPool(failed, IN_FLIGHT, async (shopper) => void again.set(shopper, await click(shopper, shown)));
    for (const shopper of failed) expect(again.get(shopper)).toMatchObject({ orderId: expect.any(String) });

    // Answers an instance could not write while Postgres was down are written by its reconciler.
    await expect
      .poll(async () => (await ledgerOrders(emails)).filter((order) => order.status === "authorized").length, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(SHOPPERS);

    const charged = (await bolt.orders()).filter((order) => emails.includes(order.shopper.toLowerCase()));
    const recorded = await ledgerOrders(emails);
    // One charge per shopper, and every charge is in the ledger once, authorized, with Bolt's reference.
    expect(new Set(charged.map((order) => order.shopper.toLowerCase())).size).toBe(SHOPPERS);
    expect(charged).toHaveLength(SHOPPERS);
    expect(recorded).toHaveLength(SHOPPERS);
    const byId = new Map(recorded.map((order) => [order.id, order]));
    for (const transaction of charged) {
      expect(byId.get(transaction.orderReference)).toEqual({
        id: transaction.orderReference,
        email: transaction.shopper.toLowerCase(),
        status: "authorized",
        boltReference: transaction.transactionReference,
      });
    }
    // Every shopper's placed order is the one Bolt charged; a click that failed but charged resolved too.
    for (const shopper of shoppers) {
      const placed = first.get(shopper)?.orderId ?? again.get(shopper)?.orderId;
      expect(byId.get(placed!)?.email).toBe(shopper.email.toLowerCase());
    }
    for (const email of chargedAnyway)
      expect(recorded.find((order) => order.email === email)?.status).toBe("authorized");
    // The ledger moved each order to authorized exactly once.
    const moves = await ledger.db
      .select({ orderId: events.orderId, to: events.statusTo })
      .from(events)
      .where(inArray(events.orderId, [...byId.keys()]));
    const authorizations = moves.filter((move) => move.to === "authorized");
    expect(authorizations).toHaveLength(SHOPPERS);
    expect(new Set(authorizations.map((move) => move.orderId)).size).toBe(SHOPPERS);
  }, 120_000);
});
