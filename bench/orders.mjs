// Placing orders for the order figures: storefronts of their own (this build on PGlite or on a
// Postgres the bench starts, or an earlier commit's build), shoppers made before any timing, and one
// click of "Place order": the checkout's server action called over HTTP, as React calls it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import {
  callCheckoutAction,
  checkoutActionIds,
  CookieJar,
  guestFields,
  savedCardFields,
  shownCart,
} from "../tests/support/checkout-actions.mjs";
import { startLedgerPostgres } from "../tests/support/postgres-server.mjs";
import { freePort } from "../tests/support/redis-server.mjs";
import { BENCH_DIST_DIR } from "./env.mjs";
import { bolt, CART_COOKIE, cookiePair, signIn } from "./shop.mjs";
import { startStorefront } from "./storefront.mjs";
import { inFlight } from "./timing.mjs";

/**
 * The one setting these storefronts change: guest payments allowed per minute, all clients together
 * (default 120), as a shop sizes it above its peak; the figures place hundreds in seconds.
 */
const ORDER_TUNING = JSON.stringify({ rateLimits: { guestPayments: "100000/1m" } });

/**
 * Starts a storefront for orders: `database` "pglite" (a fresh data directory) or "postgres" (a
 * fresh server, migrated as a deploy does); `cwd` another checkout's build; `env` more settings (e.g.
 * BOLT_CAPTURE). Resolves once it answers, with what a click needs: its checkout actions' ids and the
 * cart its page shows.
 */
export async function startOrderStorefront({ name, database, cwd = ".", env = {} }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "storefront-bench-pglite-"));
  const postgres = database === "postgres" ? await startLedgerPostgres() : undefined;
  const cleanUp = async () => {
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let server;
  try {
    server = await startStorefront({
      name,
      port: await freePort(),
      cwd,
      env: {
        STOREFRONT_TUNING: ORDER_TUNING,
        PGLITE_DATA_DIR: dataDir,
        ...(postgres ? { DATABASE_URL: postgres.url } : {}),
        ...env,
      },
    });
    return {
      name,
      database,
      url: server.url,
      distDir: path.join(cwd, BENCH_DIST_DIR),
      actions: checkoutActionIds(path.join(cwd, BENCH_DIST_DIR)),
      shown: await shownCart(server.url, CART_COOKIE),
      /**
       * The ledger's rows for these `emails` or order `ids`, read once the storefront is stopped (PGlite
       * has one user at a time).
       */
      async stopAndRead(which) {
        await server.stop();
        try {
          return await ledgerRows(postgres ? { url: postgres.url } : { dataDir }, which);
        } finally {
          await cleanUp();
        }
      },
      async stop() {
        await server.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await server?.stop();
    await cleanUp();
    throw error;
  }
}

/** Each order's id, email and status, and how many `capture` events Bolt's webhooks appended to it. */
async function ledgerRows({ url, dataDir }, { emails, ids }) {
  const query =
    "select id, email, status, (select count(*)::int from order_events e where e.order_id = orders.id " +
    `and e.source = 'webhook' and e.type = 'capture') as webhook_captures from orders ` +
    `where ${emails ? "email" : "id"} = any($1::text[])`;
  const values = [emails ?? ids];
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(query, values)).rows;
    } finally {
      await client.end();
    }
  }
  const db = await PGlite.create({ dataDir });
  try {
    return (await db.query(query, values)).rows;
  } finally {
    await db.close();
  }
}

/**
 * `count` shoppers ready to click on `storefront`, made eight at a time: every other one a guest (with
 * a card token from Bolt's tokenizer), the rest Bolt shoppers with a saved card, signed in there.
 */
export async function makeShoppers(storefront, count) {
  const shoppers = [];
  for (let start = 0; start < count; start += 8) {
    const batch = Array.from({ length: Math.min(8, count - start) }, (_, i) =>
      (start + i) % 2 === 0 ? guest() : signedInShopper(storefront.url),
    );
    shoppers.push(...(await Promise.all(batch)));
  }
  return shoppers;
}

async function guest() {
  const email = `bench-${Math.random().toString(36).slice(2, 12)}@example.test`;
  return { email, jar: new CookieJar(CART_COOKIE), card: await bolt.tokenizeCard() };
}

async function signedInShopper(url) {
  const shopper = await bolt.signedInShopper();
  const card = await bolt.saveTestCard(shopper.tokens.access_token);
  const { addresses } = await bolt.account(shopper.tokens.access_token);
  const session = cookiePair(await signIn(await bolt.loginCode(shopper.email), url));
  return {
    email: shopper.email.toLowerCase(),
    jar: new CookieJar(`${CART_COOKIE}; ${session}`),
    saved: { addressId: addresses[0].id, cardId: card.id },
  };
}

/** One click of "Place order" by `shopper`; resolves to the order placed, or the message shown, and the Server-Timing. */
export function placeOrder(storefront, shopper) {
  const { shown, actions, url } = storefront;
  const fields = shopper.saved
    ? savedCardFields({ shown, ...shopper.saved })
    : guestFields({ shown, email: shopper.email, card: shopper.card });
  return callCheckoutAction({
    base: url,
    origin: url,
    actionId: shopper.saved ? actions.paySignedIn : actions.payAsGuest,
    jar: shopper.jar,
    fields,
  });
}

/** A click that did not place its order: the harness is broken, not the figure. */
export function expectPlaced(storefront, answer) {
  if (answer.orderId) return answer;
  throw new Error(
    `${storefront.name}: an order was not placed (HTTP ${answer.status}: ${answer.state?.message ?? "no message"})`,
  );
}

/** `count` orders placed on `storefront` by shoppers of their own, eight at a time; resolves to their ids. */
export async function placeOrders(storefront, count) {
  const shoppers = await makeShoppers(storefront, count);
  const orderIds = [];
  await inFlight(shoppers, 8, async (shopper) => {
    orderIds.push(expectPlaced(storefront, await placeOrder(storefront, shopper)).orderId);
  });
  return orderIds;
}
