import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "bolt-emulator/server";
import {
  EmulatorTestClient,
  REVIEW_TOTAL,
  SANDBOX_CREDENTIALS,
  signWebhookBody,
  type DeliveryAttempt,
} from "bolt-emulator/test-client";
import type { NewOrderInput } from "@/lib/ledger";
import { orderInput } from "@/lib/ledger/testing/orders";
import { startLedgerPostgres } from "@/tests/support/postgres-server.mjs";
import { TEST_OUTPUT, testAppEnv, webhookUrl } from "@/tests/support/test-env.mjs";
import { bolt as sharedBolt, STOREFRONT } from "./helpers";
import { privateStorefront, type PrivateStorefront } from "./private-storefront";

// Bolt's webhooks end to end: an emulator delivering signed events over HTTP to `next start` of the
// test build, whose ledger (Postgres) this file reads. Orders are made as the checkout makes them —
// a pending order in the ledger, then a guest's card payment at Bolt (with a mobile number) under
// the order's id, and its answer recorded — so the ledger and Bolt agree from the start. The file
// owns its emulator and storefronts, because it injects delivery faults and stops a storefront.

const SECRET = testAppEnv.BOLT_SIGNING_SECRET;
const NEXT_SECRET = "integration-next-signing-secret-42";
/** Retries come quickly: 300 ms, then doubling, 8 attempts in all (about 38 s). */
const RETRY_MS = "300";

let postgres: Awaited<ReturnType<typeof startLedgerPostgres>>;
let emulator: RunningEmulator;
let bolt: EmulatorTestClient;
let store: PrivateStorefront;

beforeAll(async () => {
  postgres = await startLedgerPostgres();
  store = await privateStorefront("webhooks-storefront");
  emulator = await startEmulator({
    port: 0,
    env: {
      BOLT_EMULATOR_SIGNING_SECRET: SECRET,
      BOLT_EMULATOR_WEBHOOK_URLS: store.webhookUrl,
      BOLT_EMULATOR_WEBHOOK_RETRY_MS: RETRY_MS,
    },
  });
  bolt = new EmulatorTestClient(emulator.url, SANDBOX_CREDENTIALS);
  for (const [name, value] of Object.entries(boltEnv(emulator.url))) vi.stubEnv(name, value);
  vi.stubEnv("DATABASE_URL", postgres.url);
  await store.start({ ...boltEnv(emulator.url), DATABASE_URL: postgres.url, BOLT_SIGNING_SECRET_NEXT: NEXT_SECRET });
}, 120_000);

afterAll(async () => {
  await store?.stop();
  await emulator?.close();
  const { closeDatabase } = await import("@/lib/db");
  await closeDatabase();
  await postgres?.stop();
});

function boltEnv(url: string) {
  return { BOLT_API_URL: url, BOLT_CONNECT_URL: url };
}

// The ledger and lib/bolt, as the storefront uses them; lib/env reads the stubbed environment on first use.
const { getDatabase } = await import("@/lib/db");
const ledger = await import("@/lib/ledger");
const { authorizeNewCard } = await import("@/lib/bolt");
const settlement = await import("@/lib/settlement");

/** A one-line order for `totalCents`, as the checkout records it. */
function orderFor(totalCents: number): NewOrderInput {
  const line = { productId: "tote", name: "Canvas tote", unitPriceCents: totalCents, quantity: 1 };
  return orderInput({
    itemsCents: totalCents,
    shippingCents: 0,
    taxCents: 0,
    totalCents,
    lines: [{ ...line, lineTotalCents: totalCents }],
  });
}

/** The checkout's way: a pending order, a guest's new card paid at Bolt under its id, the answer recorded. */
async function placeOrder(totalCents = 5900, client = bolt) {
  const db = await getDatabase();
  const { order } = await ledger.createPendingOrder(db, orderFor(totalCents));
  const token = await client.tokenizeCard();
  const address = { ...order.shipTo!, email: order.email! };
  const answer = await authorizeNewCard(undefined, {
    card: { ...token, network: "visa", postalCode: token.postal_code },
    billingAddress: address,
    cart: { orderReference: order.id, currency: "USD", totalAmount: totalCents, taxAmount: 0, items: [] },
    user: { email: order.email!, phone: "+15035550100", firstName: "Nora", lastName: "Guest" },
    createAccount: false,
    save: false,
    idempotencyKey: order.id,
    autoCapture: false,
  });
  const reference = answer.transactionReference!;
  await ledger.recordAnswer(db, order.id, {
    kind: answer.status === "in_review" ? "in_review" : "authorized",
    boltReference: reference,
    amountCents: totalCents,
  });
  return { id: order.id, reference };
}

/** An order as placeOrder makes it, once Bolt's webhook about the authorization is in. */
async function placedOrder(totalCents = 5900) {
  const placed = await placeOrder(totalCents);
  await settled(placed.reference, 1);
  return placed;
}

const orderOf = async (id: string) => ledger.getOrder(await getDatabase(), id);
const timelineOf = async (id: string) => ledger.orderTimeline(await getDatabase(), id);
const webhookEvents = async (id: string) => (await timelineOf(id)).filter((event) => event.source === "webhook");

/**
 * At least `count` deliveries about the payment answered 2xx: each was applied before its answer. The
 * storefront's re-read of the payment follows a second after the deliveries pause; it changes the order
 * only where a body lagged behind Bolt's account.
 */
async function settled(reference: string, count: number): Promise<DeliveryAttempt[]> {
  let last: DeliveryAttempt[] = [];
  await expect
    .poll(
      async () => {
        last = (await bolt.deliveries({ reference })).filter((attempt) => attempt.delivered);
        return last.length;
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBeGreaterThanOrEqual(count);
  return last;
}

/** A delivery signed as Bolt signs, to the private storefront. */
function post(body: string, headers: Record<string, string> = { "X-Bolt-Hmac-Sha256": signWebhookBody(SECRET, body) }) {
  return fetch(store.webhookUrl, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
}

const usd = (amount: number) => ({ amount, currency: "USD", currency_symbol: "$" });
const captureBody = (id: string, reference: string, amount = 1) =>
  JSON.stringify({
    type: "capture",
    object: "transaction",
    data: {
      reference,
      type: "cc_payment",
      status: "completed",
      amount: usd(5900),
      captures: [{ amount: usd(amount), status: "succeeded" }],
      order_reference: id,
    },
  });

describe("POST /api/bolt/webhooks refuses what Bolt did not sign, and changes nothing", () => {
  async function expectRefused(response: Response, status: number, error: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error, message: expect.any(String) });
  }

  it("refuses unsigned, forged, tampered and re-signed, oversized and malformed deliveries", async () => {
    const { id, reference } = await placedOrder();
    const before = { order: await orderOf(id), events: await timelineOf(id) };
    const body = captureBody(id, reference, 5900);
    const tampered = body.replace('"amount":5900', '"amount":1');

    await expectRefused(await post(body, {}), 401, "unsigned");
    await expectRefused(
      await post(body, { "X-Bolt-Hmac-Sha256": signWebhookBody("forged-secret-000000", body) }),
      401,
      "bad_signature",
    );
    await expectRefused(
      await post(tampered, { "X-Bolt-Hmac-Sha256": signWebhookBody(SECRET, body) }),
      401,
      "bad_signature",
    );
    const resigned = captureBody(id, reference, 1);
    await expectRefused(
      await post(resigned, { "X-Bolt-Hmac-Sha256": signWebhookBody("attacker-secret-0000", resigned) }),
      401,
      "bad_signature",
    );
    const padded = JSON.stringify({ ...JSON.parse(body), padding: "x".repeat(70 * 1024) });
    await expectRefused(await post(padded), 413, "payload_too_large");
    await expectRefused(await post('{"type":"capture","data":{"status":"completed"}}'), 400, "malformed_event");

    expect(await orderOf(id)).toEqual(before.order);
    expect(await timelineOf(id)).toEqual(before.events);
    const inbox = await ledger.listUnmatchedEvents(await getDatabase(), { limit: 100 });
    expect(inbox.events.filter((event) => event.reference === reference)).toEqual([]);
    // The refusals are logged as security events, without the body or the signature.
    const log = readFileSync(`${TEST_OUTPUT}/webhooks-storefront.log`, "utf8");
    expect(log).toContain('"event":"webhook_refused"');
    expect(log).not.toContain("forged-secret");
  });

  it("answers GET and other methods 405 JSON", async () => {
    const response = await fetch(store.webhookUrl);
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ error: "method_not_allowed", message: expect.any(String) });
  });
});

describe("Bolt's events move the ledger", () => {
  it("applies Bolt's deliveries once each, even duplicated and in reverse order (capture before auth)", async () => {
    await bolt.setWebhookFaults({ duplicate: 1, reorder: true });
    let placed: { id: string; reference: string };
    try {
      placed = await placeOrder();
      await bolt.capture(placed.reference, 5900);
    } finally {
      await bolt.clearWebhookFaults();
    }
    const { id, reference } = placed;
    const deliveries = await settled(reference, 4);
    expect(deliveries.map((attempt) => attempt.type)).toEqual(["capture", "capture", "auth", "auth"]);
    expect(deliveries.every((attempt) => attempt.status === 200)).toBe(true);

    expect(await orderOf(id)).toMatchObject({ status: "captured", capturedCents: 5900, authorizedCents: 5900 });
    const events = await webhookEvents(id);
    expect(events.filter((event) => event.type === "capture")).toMatchObject([{ statusTo: "captured" }]);
    // The late authorization is in the history, and moved nothing.
    expect(events.filter((event) => event.type === "auth")).toMatchObject([{ statusFrom: "captured", statusTo: null }]);
  });

  it("ignores a replayed delivery: 200, no change, no new row", async () => {
    const { id, reference } = await placeOrder();
    await bolt.capture(reference, 5900);
    await settled(reference, 2);
    await expect.poll(async () => (await orderOf(id))?.status).toBe("captured");
    const before = await timelineOf(id);
    const replay = JSON.stringify({
      type: "auth",
      object: "transaction",
      data: { ...(await bolt.transaction(reference)), status: "authorized", captures: [] },
    });
    const first = await post(replay);
    expect(first.status).toBe(200);
    const again = await post(replay);
    expect(again.status).toBe(200);
    // The same event as Bolt's first `auth`: its key is recorded, so nothing is added.
    expect(await timelineOf(id)).toEqual(before);
    expect(await orderOf(id)).toMatchObject({ status: "captured", capturedCents: 5900 });
  });

  it("learns of a refund made in Bolt's dashboard, re-reading Bolt for the total once deliveries pause", async () => {
    const { id, reference } = await placeOrder();
    await bolt.capture(reference, 5900);
    await bolt.dashboard(reference, { action: "refund", amount: 1500 });
    await bolt.dashboard(reference, { action: "refund", amount: 4400 });
    await settled(reference, 4);
    // Each refund's event shows that refund: only Bolt's account of the payment says all of it was.
    await expect
      .poll(async () => orderOf(id), { timeout: 15_000, interval: 250 })
      .toMatchObject({
        status: "refunded",
        capturedCents: 5900,
        refundedCents: 5900,
      });
    const credits = (await webhookEvents(id)).filter((event) => event.type === "credit");
    expect(credits.map((event) => event.amountCents).sort()).toEqual([1500, 4400]);
  });

  it("accepts deliveries signed with the next secret during a rotation", async () => {
    const { id, reference } = await placeOrder();
    await bolt.setWebhookFaults({ wrongSecret: true, rotation: { nextSecret: NEXT_SECRET } });
    try {
      await bolt.voidTransaction(reference);
    } finally {
      await bolt.clearWebhookFaults();
    }
    await expect
      .poll(async () => (await bolt.deliveries({ reference, type: "void" })).filter((attempt) => attempt.delivered))
      .toMatchObject([{ status: 200, faults: ["wrong_secret", "rotation"] }]);
    await expect.poll(async () => (await orderOf(id))?.status).toBe("voided");
  });

  it("keeps an event about an order it does not know in the inbox, answering 200", async () => {
    const stranger = `ext-${randomBytes(4).toString("hex")}`;
    const token = await bolt.tokenizeCard();
    const answer = await authorizeNewCard(undefined, {
      card: { ...token, network: "visa", postalCode: token.postal_code },
      billingAddress: { ...orderInput().shipTo, email: "stranger@example.com" },
      cart: { orderReference: stranger, currency: "USD", totalAmount: 4200, taxAmount: 0, items: [] },
      user: { email: "stranger@example.com", phone: "+15035550199", firstName: "Sam", lastName: "Stranger" },
      createAccount: false,
      save: false,
      idempotencyKey: stranger,
    });
    const [delivery] = await settled(answer.transactionReference!, 1);
    expect(delivery?.status).toBe(200);
    const { events } = await ledger.listUnmatchedEvents(await getDatabase(), { limit: 100 });
    expect(events.find((event) => event.reference === answer.transactionReference)).toMatchObject({
      type: "auth",
      orderReference: stranger,
      amountCents: 4200,
    });
  });
});

describe("the merchant's actions", () => {
  /** The order as the desk shows it, and its form's operation nonce: what each action is sent with. */
  const view = async (id: string) => {
    const order = (await orderOf(id))!;
    return { order, options: { operation: settlement.operationNonce(order) } };
  };

  it("captures part, refunds part with a reason: the merchant's record and Bolt's webhook, once each", async () => {
    const { id, reference } = await placedOrder();
    const first = await view(id);
    const captured = await settlement.captureOrder(first.order, 4000, first.options);
    expect(captured.order).toMatchObject({ status: "captured", capturedCents: 4000 });
    const second = await view(id);
    const refunded = await settlement.refundOrder(second.order, 1000, "Scuffed on arrival", second.options);
    expect(refunded.order).toMatchObject({ status: "partially_refunded", refundedCents: 1000 });
    await settled(reference, 3);
    const events = (await timelineOf(id)).filter((event) => ["capture", "credit"].includes(event.type));
    const bySource = (source: string) =>
      events.filter((event) => event.source === source).map((event) => [event.type, event.amountCents]);
    expect(bySource("merchant")).toEqual([
      ["capture", 4000],
      ["credit", 1000],
    ]);
    expect(bySource("webhook")).toEqual([
      ["capture", 4000],
      ["credit", 1000],
    ]);
    // Whichever came second moved nothing.
    expect(events.filter((event) => event.statusTo !== null)).toHaveLength(2);
    const credit = events.find((event) => event.type === "credit" && event.source === "merchant");
    expect(credit?.detail).toMatchObject({ reason: "Scuffed on arrival" });
    expect(await orderOf(id)).toMatchObject({ status: "partially_refunded", capturedCents: 4000, refundedCents: 1000 });
  });

  it("shows Bolt's refusal of a refund above what was captured, and changes nothing", async () => {
    const { id, reference } = await placedOrder();
    const shown = await view(id);
    await settlement.captureOrder(shown.order, 2000, shown.options);
    await settled(reference, 2);
    const before = { order: await orderOf(id), events: await timelineOf(id) };

    const now = await view(id);
    const refused = await settlement
      .refundOrder(now.order, 2500, "Too much", now.options)
      .catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(settlement.SettlementRefusedError);
    expect(refused).toMatchObject({ reason: "amount_too_high", boltMessage: expect.stringContaining("2500") });
    expect(await orderOf(id)).toEqual(before.order);
    expect(await timelineOf(id)).toEqual(before.events);
    expect((await bolt.transaction(reference)).refund_transactions ?? []).toEqual([]);
  });

  it("captures once at Bolt when the same capture is sent twice at once (a double click, two merchants)", async () => {
    const { id, reference } = await placedOrder();
    const shown = await view(id);
    // Holds the first capture at Bolt, so the second arrives while it is still running.
    const slow = await bolt.addFault({ path: "/v1/merchant/transactions/capture", latencyMs: 600, times: 1 });
    try {
      const results = await Promise.all([
        settlement.captureOrder(shown.order, undefined, shown.options),
        settlement.captureOrder(shown.order, undefined, shown.options),
      ]);
      expect(results.map((result) => result.order)).toMatchObject([
        { status: "captured", capturedCents: 5900 },
        { status: "captured", capturedCents: 5900 },
      ]);
    } finally {
      await slow.remove();
    }
    const payment = await bolt.transaction(reference);
    expect(payment.captures).toHaveLength(1);
    const calls = await bolt.requests({ path: "/v1/merchant/transactions/capture" });
    expect(calls.filter((call) => call.status === 409).length).toBeGreaterThanOrEqual(1);
    await settled(reference, 2);
    const captures = (await timelineOf(id)).filter((event) => event.type === "capture");
    expect(captures.map((event) => event.source).sort()).toEqual(["merchant", "webhook"]);
  });

  it("approves and rejects payments Bolt holds for review, and voids an authorization", async () => {
    const held = await placeOrder(REVIEW_TOTAL);
    expect(await orderOf(held.id)).toMatchObject({ status: "in_review" });
    const heldView = await view(held.id);
    const approved = await settlement.approveOrder(heldView.order, heldView.options);
    expect(approved.order.status).toBe("authorized");

    const rejected = await placeOrder(REVIEW_TOTAL);
    const rejectedView = await view(rejected.id);
    const after = await settlement.rejectOrder(rejectedView.order, rejectedView.options);
    expect(after.order.status).toBe("rejected");

    const approvedView = await view(approved.order.id);
    const voided = await settlement.voidOrder(approvedView.order, approvedView.options);
    expect(voided.order.status).toBe("voided");
    const voidedView = await view(voided.order.id);
    const refused = await settlement
      .captureOrder(voidedView.order, undefined, voidedView.options)
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: "SettlementRefusedError", reason: "not_allowed" });
  });
});

describe("a storefront that was down while Bolt delivered", () => {
  it("gets every event it missed from Bolt's retries once it is back, nothing lost", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "webhooks-pglite-"));
    const down = await privateStorefront("webhooks-storefront-restarted");
    // DATABASE_URL empty: this storefront's ledger is the embedded one in dataDir.
    const env = { ...boltEnv(emulator.url), PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" };
    const hook = await bolt.registerWebhook(down.webhookUrl);
    try {
      // The order goes into the storefront's own embedded ledger before it starts: one process per PGlite.
      const { openDatabase, migrateDatabase } = await import("@/lib/db");
      let handle = await openDatabase({ dataDir });
      await migrateDatabase(handle);
      const { order } = await ledger.createPendingOrder(handle.db, orderFor(5900));
      await handle.close();
      await down.start(env);

      const token = await bolt.tokenizeCard();
      const paid = await authorizeNewCard(undefined, {
        card: { ...token, network: "visa", postalCode: token.postal_code },
        billingAddress: { ...order.shipTo!, email: order.email! },
        cart: { orderReference: order.id, currency: "USD", totalAmount: 5900, taxAmount: 0, items: [] },
        user: { email: order.email!, phone: "+15035550100", firstName: "Nora", lastName: "Guest" },
        createAccount: false,
        save: false,
        idempotencyKey: order.id,
      });
      const reference = paid.transactionReference!;
      const toDown = async () =>
        (await bolt.deliveries({ reference })).filter((attempt) => attempt.url === down.webhookUrl);
      await expect.poll(async () => (await toDown())[0]?.status).toBe(200);

      await down.stop();
      await bolt.capture(reference, 5900);
      await bolt.dashboard(reference, { action: "refund", amount: 900 });
      await expect
        .poll(async () => (await toDown()).filter((attempt) => attempt.error).length)
        .toBeGreaterThanOrEqual(2);

      await down.start(env);
      await expect
        .poll(async () => (await toDown()).filter((attempt) => attempt.delivered).length, {
          timeout: 40_000,
          interval: 500,
        })
        .toBe(3);
      await down.stop();

      handle = await openDatabase({ dataDir });
      try {
        expect(await ledger.getOrder(handle.db, order.id)).toMatchObject({
          status: "partially_refunded",
          boltReference: reference,
          capturedCents: 5900,
          refundedCents: 900,
        });
        const events = (await ledger.orderTimeline(handle.db, order.id)).filter((event) => event.dedupeKey);
        // Retries land in any order; each event once.
        expect(events.map((event) => event.type).sort()).toEqual(["auth", "capture", "credit"]);
      } finally {
        await handle.close();
      }
    } finally {
      await down.stop();
      await bolt.deleteWebhook(hook);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("the shared test servers", () => {
  it("have the test emulator delivering every event to the test storefront, which answers it", async () => {
    expect(await sharedBolt.webhooks()).toContainEqual(expect.objectContaining({ url: webhookUrl(STOREFRONT) }));
    const unsigned = await fetch(webhookUrl(STOREFRONT), { method: "POST", body: "{}" });
    expect(unsigned.status).toBe(401);
  });
});
