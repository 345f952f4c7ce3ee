import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, inArray, isNotNull, not } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "bolt-emulator/server";
import { EmulatorTestClient, REVIEW_TOTAL, SANDBOX_CREDENTIALS } from "bolt-emulator/test-client";
import { orderEvents, orders } from "@/lib/db/schema";
import type { NewOrderInput } from "@/lib/ledger";
import { orderInput } from "@/lib/ledger/testing/orders";
import { testAppEnv } from "@/tests/support/test-env.mjs";
import { startCluster, type Cluster } from "./harness";

// Bolt's webhooks on two instances sharing one Postgres: a thousand deliveries, one in ten of them a
// duplicate, in shuffled order, half to each instance and many at once. The ledger must end equal to
// Bolt's own account of every payment, with exactly one event row per distinct event.

/** The orders: each makes 2 to 5 events at Bolt, about 3 on average: some 910 events, 1,000 deliveries. */
const ORDERS = 310;
const DUPLICATE_SHARE = 0.1;
const CONCURRENCY = 16;

type Delivery = { body: string; headers: Record<string, string> };

let receiver: Server;
const received: Delivery[] = [];
let emulator: RunningEmulator;
let bolt: EmulatorTestClient;
let cluster: Cluster;

/** Stands in for the store while Bolt fires its events, so the test decides how they are delivered. */
async function startReceiver(): Promise<string> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: signatureHeaders(request.headers) });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
}

function signatureHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const signature = headers["x-bolt-hmac-sha256"];
  return { "Content-Type": "application/json", "X-Bolt-Hmac-Sha256": String(signature) };
}

beforeAll(async () => {
  const hooks = await startReceiver();
  emulator = await startEmulator({
    port: 0,
    env: { BOLT_EMULATOR_SIGNING_SECRET: testAppEnv.BOLT_SIGNING_SECRET, BOLT_EMULATOR_WEBHOOK_URLS: hooks },
  });
  bolt = new EmulatorTestClient(emulator.url, SANDBOX_CREDENTIALS);
  cluster = await startCluster({
    instances: 2,
    redis: true,
    env: { BOLT_API_URL: emulator.url, BOLT_CONNECT_URL: emulator.url },
    logPrefix: ".test-run/cluster-webhooks",
  });
  vi.stubEnv("DATABASE_URL", cluster.databaseUrl);
  vi.stubEnv("BOLT_API_URL", emulator.url);
  vi.stubEnv("BOLT_CONNECT_URL", emulator.url);
});

afterAll(async () => {
  const { closeDatabase } = await import("@/lib/db");
  await closeDatabase();
  await cluster?.stop();
  await emulator?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

const { getDatabase } = await import("@/lib/db");
const ledger = await import("@/lib/ledger");
const { authorizeNewCard, getTransaction } = await import("@/lib/bolt");
const { syncDueOrders } = await import("@/lib/settlement");

/** A small deterministic generator, so a failing shuffle can be run again (the seed is in the test's name). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = Number(process.env.WEBHOOK_SHUFFLE_SEED ?? Date.now() % 1_000_000);

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

/**
 * One order's life at Bolt: paid (some held for review, then approved or rejected), then some of
 * captures, refunds and voids. Half of the orders' answers reach the ledger from the checkout; the
 * others only through webhooks, as after a checkout that died before recording Bolt's answer.
 */
async function liveOrder(i: number): Promise<{ id: string; reference: string }> {
  const held = i % 5 === 0;
  const total = held ? REVIEW_TOTAL : 2000 + i * 10;
  const db = await getDatabase();
  const { order } = await ledger.createPendingOrder(db, orderFor(total));
  const token = await bolt.tokenizeCard();
  const paid = await authorizeNewCard(undefined, {
    card: { ...token, network: "visa", postalCode: token.postal_code },
    billingAddress: { ...order.shipTo!, email: order.email! },
    cart: { orderReference: order.id, currency: "USD", totalAmount: total, taxAmount: 0, items: [] },
    user: { email: order.email!, phone: "+15035550100", firstName: "Nora", lastName: "Guest" },
    createAccount: false,
    save: false,
    idempotencyKey: order.id,
  });
  const reference = paid.transactionReference!;
  if (i % 2 === 0) {
    const kind = paid.status === "in_review" ? "in_review" : "authorized";
    await ledger.recordAnswer(db, order.id, { kind, boltReference: reference, amountCents: total });
  }
  if (held) {
    await bolt.review(reference, i % 10 === 0 ? "reject" : "approve");
    if (i % 10 === 0) return { id: order.id, reference };
  }
  switch (i % 4) {
    case 0:
      await bolt.voidTransaction(reference);
      break;
    case 1:
      await bolt.capture(reference, total);
      await bolt.credit(reference, 500);
      break;
    case 2:
      await bolt.capture(reference, 1000);
      await bolt.capture(reference, total - 1000);
      await bolt.credit(reference, 300);
      await bolt.credit(reference, total - 300);
      break;
    case 3:
      await bolt.capture(reference, 1200);
      break;
  }
  return { id: order.id, reference };
}

async function inPool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

describe("Bolt's webhooks on two instances", () => {
  it(`end in Bolt's account of every payment, one row per event (seed ${SEED})`, async () => {
    const made: Array<{ id: string; reference: string }> = [];
    for (let i = 0; i < ORDERS; i++) made.push(await liveOrder(i));
    // Bolt has fired every event once each one it published is logged as delivered here.
    await expect
      .poll(async () => (await bolt.deliveries()).filter((attempt) => attempt.delivered).length, { timeout: 30_000 })
      .toBe(received.length);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await bolt.deliveries()).length).toBe(received.length);
    const distinct = received.length;

    const next = random(SEED);
    const extra = Array.from(
      { length: Math.round(distinct * DUPLICATE_SHARE) },
      () => received[Math.floor(next() * distinct)]!,
    );
    const deliveries = [...received, ...extra]
      .map((delivery) => ({ delivery, order: next() }))
      .sort((a, b) => a.order - b.order)
      .map(({ delivery }) => delivery);
    expect(deliveries.length).toBeGreaterThanOrEqual(1000);

    const statuses: number[] = [];
    const perInstance = cluster.instances.map(() => 0);
    let sent = 0;
    await inPool(deliveries, CONCURRENCY, async (delivery) => {
      const index = sent++ % cluster.instances.length;
      perInstance[index]! += 1;
      const response = await fetch(`${cluster.instances[index]}/api/bolt/webhooks`, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
      });
      statuses.push(response.status);
      await response.body?.cancel();
    });
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(Math.abs(perInstance[0]! - perInstance[1]!)).toBeLessThanOrEqual(1);

    // Bolt's account is then read again, as a reconciler's rounds do once the re-reads fall due (any
    // instance's round would; these claim from the same ledger), until no order waits for one.
    const db = await getDatabase();
    const ids = made.map((order) => order.id);
    const due = new Date(Date.now() + 10 * 60_000);
    while ((await syncDueOrders(due)).synced > 0);
    const waiting = await db
      .select({ id: orders.id })
      .from(orders)
      .where(
        and(
          inArray(orders.id, ids),
          isNotNull(orders.nextCheckAt),
          not(inArray(orders.status, ["pending", "unconfirmed"])),
        ),
      );
    expect(waiting).toEqual([]);

    for (const { id, reference } of made) {
      const truth = await getTransaction(reference);
      const order = await ledger.getOrder(db, id);
      expect({ id, ...order }).toMatchObject({
        id,
        status: ledger.statusOf(truth),
        boltReference: reference,
        authorizedCents: truth.authorizedCents,
        capturedCents: truth.capturedCents,
        refundedCents: truth.refundedCents,
      });
    }

    const rows = await db
      .select({ orderId: orderEvents.orderId, key: orderEvents.dedupeKey })
      .from(orderEvents)
      .where(
        and(inArray(orderEvents.orderId, ids), eq(orderEvents.source, "webhook"), isNotNull(orderEvents.dedupeKey)),
      );
    expect(rows).toHaveLength(distinct);
    expect(new Set(rows.map((row) => `${row.orderId} ${row.key}`)).size).toBe(distinct);
  }, 300_000);
});
