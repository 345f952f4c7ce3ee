import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "@/lib/log/testing/capture";
import { signWebhookBody } from "bolt-emulator/test-client";
import { stubBoltForFile } from "@/lib/bolt/testing/stub-bolt";
import { orderInput } from "@/lib/ledger/testing/orders";

// The webhook receiver on its own, with an embedded database in memory, and the reconciler's round
// that re-reads what webhooks told of from a scripted Bolt.

const SECRET = "unit-signing-secret-0123456789";
const NEXT = "unit-next-signing-secret-98765";

const bolt = stubBoltForFile({
  PGLITE_DATA_DIR: "memory://",
  DATABASE_URL: "",
  BOLT_SIGNING_SECRET: SECRET,
  BOLT_SIGNING_SECRET_NEXT: NEXT,
  TRUSTED_IP_HEADER: "x-real-ip",
  STOREFRONT_TUNING: JSON.stringify({ boltPaymentTimeoutMs: 500 }),
});
afterEach(() => vi.restoreAllMocks());
// Passed through, so that a test can make the ledger fail a lookup.
vi.mock("@/lib/ledger", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/ledger")>();
  return { ...original, findEventOrder: vi.fn(original.findEventOrder) };
});

// Imported after the environment is set: lib/env reads it once.
const { getDatabase, LedgerUnavailableError } = await import("@/lib/db");
const ledger = await import("@/lib/ledger");
const { receiveBoltWebhook, RECHECK_AFTER_MS } = await import("./receive-webhook");
const { syncDueOrders } = await import("./sync");
const { parseWebhookEvent } = await import("@/lib/bolt");

/** A reconciler round once the re-reads webhooks asked for are due. */
const rereadRound = (afterMs = RECHECK_AFTER_MS + 1000) => syncDueOrders(new Date(Date.now() + afterMs));

const usd = (amount: number) => ({ amount, currency: "USD", currency_symbol: "$" });
let client = 0;

/** A POST as Bolt sends it, from a client address of its own (the security log is per client). */
function delivery(body: string, signature: Record<string, string> | "sign" = "sign", ip = `203.0.113.${++client}`) {
  const headers = signature === "sign" ? { "X-Bolt-Hmac-Sha256": signWebhookBody(SECRET, body) } : signature;
  return new Request("http://shop.test/api/bolt/webhooks", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Real-IP": ip, ...headers },
    body,
  });
}

/** Runs the receiver; `rereads`: how often it asked for the payments it marked to be read again soon. */
async function receive(request: Request) {
  const rereadSoon = vi.fn();
  const response = await receiveBoltWebhook(request, { rereadSoon });
  return { response, rereads: rereadSoon.mock.calls.length };
}

async function authorizedOrder() {
  const db = await getDatabase();
  const { order } = await ledger.createPendingOrder(db, orderInput());
  const reference = randomBytes(6).toString("hex").toUpperCase();
  await ledger.recordAnswer(db, order.id, { kind: "authorized", boltReference: reference, amountCents: 5900 });
  return { id: order.id, reference };
}

const event = (type: string, data: Record<string, unknown>) => JSON.stringify({ type, object: "transaction", data });

function payment(reference: string, orderId: string, change: Record<string, unknown> = {}) {
  return {
    reference,
    type: "cc_payment",
    status: "completed",
    amount: usd(5900),
    captures: [{ amount: usd(5900), status: "succeeded" }],
    order_reference: orderId,
    ...change,
  };
}

const orderOf = async (id: string) => ledger.getOrder(await getDatabase(), id);
const timelineOf = async (id: string) => ledger.orderTimeline(await getDatabase(), id);
const securityLines = (logged: ReturnType<typeof captureLog>) =>
  logged.lines().filter((line) => line.event === "webhook_refused");

describe("receiveBoltWebhook", () => {
  it("applies a signed event before answering, and asks for the payment to be read again soon", async () => {
    const { id, reference } = await authorizedOrder();
    bolt.reply(`GET /v1/merchant/transactions/${reference}`, {
      body: payment(reference, id, { refunded_amount: usd(1000) }),
    });

    const { response, rereads } = await receive(delivery(event("capture", payment(reference, id))));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(bolt.requests).toEqual([]);
    expect(rereads).toBe(1);
    const applied = await orderOf(id);
    expect(applied).toMatchObject({ status: "captured", capturedCents: 5900 });
    expect(applied!.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + RECHECK_AFTER_MS / 2);

    expect(await rereadRound()).toEqual({ synced: 1, failed: 0 });
    expect(await orderOf(id)).toMatchObject({ status: "partially_refunded", refundedCents: 1000, nextCheckAt: null });
    expect((await timelineOf(id)).slice(-2)).toMatchObject([
      { type: "capture", source: "webhook", statusTo: "captured" },
      { type: "sync", source: "reconciler", statusTo: "partially_refunded" },
    ]);
  });

  it("reads a payment once for all the events about it, and not again once read", async () => {
    const { id, reference } = await authorizedOrder();
    const refunded = payment(reference, id, { refunded_amount: usd(1000) });
    bolt.reply(`GET /v1/merchant/transactions/${reference}`, { body: refunded });
    await receive(delivery(event("capture", payment(reference, id))));
    await receive(delivery(event("credit", refunded)));

    await rereadRound();
    await rereadRound();

    expect(bolt.requests.filter((request) => request.path.endsWith(reference))).toHaveLength(1);
    expect(await orderOf(id)).toMatchObject({ status: "partially_refunded", nextCheckAt: null });
  });

  it("keeps what the body said when Bolt can't be re-read, and reads it again later", async () => {
    const { id, reference } = await authorizedOrder();
    bolt.reply(`GET /v1/merchant/transactions/${reference}`, { status: 503 });
    captureLog();
    const { response } = await receive(delivery(event("capture", payment(reference, id))));
    expect(response.status).toBe(200);

    expect(await rereadRound()).toMatchObject({ failed: 1 });

    expect(await orderOf(id)).toMatchObject({ status: "captured", capturedCents: 5900 });
    const due = async (afterMs: number) =>
      (await ledger.claimDueForSync(await getDatabase(), new Date(Date.now() + afterMs), 500, 60_000)).map(
        (order) => order.id,
      );
    expect(await due(RECHECK_AFTER_MS + 1000)).not.toContain(id);
    expect(await due(10 * 60_000)).toContain(id);
  });

  it("answers a second delivery of the same event 200 without changing or adding anything", async () => {
    const { id, reference } = await authorizedOrder();
    const body = event("capture", payment(reference, id));
    await receive(delivery(body));
    const before = { order: await orderOf(id), events: await timelineOf(id) };

    const again = await receive(delivery(body));

    expect(again.response.status).toBe(200);
    expect(again.rereads).toBe(0);
    expect(await orderOf(id)).toEqual(before.order);
    expect(await timelineOf(id)).toEqual(before.events);
  });

  it("acknowledges a redelivery of an event it applied without the ledger, which an outage cannot fail", async () => {
    const { id, reference } = await authorizedOrder();
    const body = event("capture", payment(reference, id));
    await receive(delivery(body));
    const other = await authorizedOrder();
    vi.mocked(ledger.findEventOrder).mockRejectedValueOnce(new LedgerUnavailableError("find the payment's order"));
    const logged = captureLog();

    const again = await receive(delivery(body));
    const unseen = await receive(delivery(event("capture", payment(other.reference, other.id))));

    expect(again.response.status).toBe(200);
    expect(unseen.response.status).toBe(503);
    expect(logged.lines()).toMatchObject([{ level: "error", error: "LedgerUnavailableError", eventType: "capture" }]);
    expect((await timelineOf(id)).filter((entry) => entry.type === "capture")).toHaveLength(1);
  });

  it("finds an event another instance applied in the ledger, and changes nothing", async () => {
    const { id, reference } = await authorizedOrder();
    const view = payment(reference, id);
    const body = event("capture", view);
    const parsed = parseWebhookEvent(new TextEncoder().encode(body));
    if (parsed.kind === "ignored") throw new Error("a capture event is not ignored");
    await ledger.applyTransaction(await getDatabase(), id, parsed.transaction, {
      source: "webhook",
      eventType: "capture",
      dedupeKey: ledger.transactionEventKey("capture", parsed.transaction),
    });
    const before = { order: await orderOf(id), events: await timelineOf(id) };

    const delivered = await receive(delivery(body));

    expect(delivered.response.status).toBe(200);
    expect(delivered.rereads).toBe(0);
    expect(await orderOf(id)).toEqual(before.order);
    expect(await timelineOf(id)).toEqual(before.events);
  });

  it("keeps an event about an order it does not know in the inbox", async () => {
    const reference = randomBytes(6).toString("hex").toUpperCase();
    const { response, rereads } = await receive(delivery(event("auth", payment(reference, "elsewhere-7"))));
    expect(response.status).toBe(200);
    expect(rereads).toBe(0);
    const { events } = await ledger.listUnmatchedEvents(await getDatabase(), { limit: 100 });
    expect(events.find((kept) => kept.reference === reference)).toMatchObject({
      type: "auth",
      orderReference: "elsewhere-7",
    });
  });

  it.each(["newsletter_subscription", "risk_insights", "credit_card_deleted"])(
    "answers %s 200 and does nothing with it",
    async (type) => {
      const { response, rereads } = await receive(delivery(JSON.stringify({ type, data: { email: "a@b.c" } })));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, ignored: type });
      expect(rereads).toBe(0);
    },
  );

  it("accepts the pending header signed with the next secret during a rotation", async () => {
    const { id, reference } = await authorizedOrder();
    const body = event("void", payment(reference, id, { status: "cancelled", captures: [] }));
    const { response } = await receive(
      delivery(body, {
        "X-Bolt-Hmac-Sha256": signWebhookBody("a-retired-secret-000000", body),
        "X-Bolt-Hmac-Sha256-Pending": signWebhookBody(NEXT, body),
      }),
    );
    expect(response.status).toBe(200);
    expect(await orderOf(id)).toMatchObject({ status: "voided" });
  });

  describe("refuses, changes nothing, and logs a security line", () => {
    async function expectRefused(request: Request, status: number, error: string, reason: string, id?: string) {
      const logged = captureLog();
      const before = id ? await timelineOf(id) : [];
      const { response, rereads } = await receive(request);
      expect(response.status).toBe(status);
      expect(rereads).toBe(0);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error, message: expect.any(String) });
      if (id) expect(await timelineOf(id)).toEqual(before);
      const lines = securityLines(logged);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ event: "webhook_refused", reason });
      expect(JSON.stringify(lines[0])).not.toContain("Hmac");
    }

    it("an unsigned delivery", async () => {
      const { id, reference } = await authorizedOrder();
      await expectRefused(delivery(event("capture", payment(reference, id)), {}), 401, "unsigned", "unsigned", id);
    });

    it("a body changed after it was signed", async () => {
      const { id, reference } = await authorizedOrder();
      const body = event("capture", payment(reference, id));
      const tampered = body.replace('"amount":5900', '"amount":1');
      const request = delivery(tampered, { "X-Bolt-Hmac-Sha256": signWebhookBody(SECRET, body) });
      await expectRefused(request, 401, "bad_signature", "bad_signature", id);
    });

    it("a body signed with a secret the store does not have", async () => {
      const { id, reference } = await authorizedOrder();
      const body = event("capture", payment(reference, id));
      const request = delivery(body, { "X-Bolt-Hmac-Sha256": signWebhookBody("guessed-secret-000000", body) });
      await expectRefused(request, 401, "bad_signature", "bad_signature", id);
    });

    const big = JSON.stringify({ type: "capture", data: { padding: "x".repeat(70 * 1024) } });

    it("a body over 64 KB", async () => {
      await expectRefused(delivery(big), 413, "payload_too_large", "oversized");
    });

    it("a body over 64 KB sent without a length", async () => {
      const streamed = new Request("http://shop.test/api/bolt/webhooks", {
        method: "POST",
        headers: { "X-Bolt-Hmac-Sha256": signWebhookBody(SECRET, big), "X-Real-IP": "198.51.100.77" },
        body: new Blob([big]).stream(),
        duplex: "half",
      } as RequestInit);
      await expectRefused(streamed, 413, "payload_too_large", "oversized");
    });

    it("a signed body that is not a Bolt event", async () => {
      await expectRefused(
        delivery('{"type":"capture","data":{"status":"completed"}}'),
        400,
        "malformed_event",
        "malformed",
      );
    });
  });

  it("logs one security line per client per minute, however many it refuses", async () => {
    const logged = captureLog();
    for (let i = 0; i < 20; i++) await receive(delivery("{}", {}, "192.0.2.50"));
    await receive(delivery("{}", {}, "192.0.2.51"));
    expect(securityLines(logged).map((line) => line.client)).toEqual(["192.0.2.50", "192.0.2.51"]);
  });
});
