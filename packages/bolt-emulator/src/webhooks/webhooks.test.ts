import { randomUUID } from "node:crypto";
import { describe, expect, it, onTestFinished } from "vitest";
import { REVIEW_TOTAL } from "../payments/transaction";
import { SANDBOX_SIGNING_SECRET } from "../sandbox";
import { startEmulator } from "../server";
import { SEED_IDS } from "../store/seeds";
import { EmulatorTestClient } from "../test-client/client";
import {
  call,
  credentials,
  emulatorForFile,
  payAsAlice,
  referenceOf,
  sleep,
  webhookReceiver,
  type Harness,
  type Json,
  type ReceivedHook,
  type Receiver,
} from "../test-client/vitest-harness";
import type { WebhookEventType } from "./events";
import { verifyWebhookBody } from "./signature";

const harness = emulatorForFile({ BOLT_EMULATOR_WEBHOOK_RETRY_MS: "50" });

/** A merchant endpoint registered for `events` for the length of one test. */
async function listen(
  answer?: Parameters<typeof webhookReceiver>[0],
  events: WebhookEventType[] | "all" = "all",
  on: Harness = harness,
): Promise<Receiver> {
  const receiver = await webhookReceiver(answer);
  const id = await on.client.registerWebhook(receiver.url, events);
  onTestFinished(async () => {
    // A reset may have dropped it already.
    await on.client.deleteWebhook(id).catch(() => undefined);
    await receiver.close();
  });
  return receiver;
}

const typesOf = (hooks: ReceivedHook[]) => hooks.map((hook) => hook.json.type);

async function paid(overrides: Json = {}): Promise<string> {
  const answer = await payAsAlice(harness, overrides);
  expect(answer.status, answer.text).toBe(200);
  return referenceOf(answer);
}

describe("POST, GET and DELETE /v1/webhooks", () => {
  const apiKey = () => ({ "X-API-Key": credentials(harness).apiKey });
  const create = (body: Json) => call(`${harness.url}/v1/webhooks`, { json: body, headers: apiKey() });
  const division = () => credentials(harness).divisionId;

  it("registers a URL for all events or a list, lists it, and deletes it", async () => {
    const all = await create({ division_id: division(), url: "https://shop.example/hooks/a", event_group: "all" });
    expect(all.status, all.text).toBe(200);
    expect(String(all.body.webhook_id)).toMatch(/^wh_[\w-]{22}$/);
    const some = await create({ division_id: division(), url: "https://shop.example/hooks/b", events: ["capture"] });
    const listed = await harness.client.webhooks();
    expect(listed).toEqual(
      expect.arrayContaining([
        {
          webhook_id: all.body.webhook_id,
          url: "https://shop.example/hooks/a",
          created_at: expect.any(Number),
          event_group: "all",
          events: null,
        },
        {
          webhook_id: some.body.webhook_id,
          url: "https://shop.example/hooks/b",
          created_at: expect.any(Number),

          events: ["capture"],
        },
      ]),
    );
    const one = await call(`${harness.url}/v1/webhooks/${String(some.body.webhook_id)}`, { headers: apiKey() });
    expect(one.body).toMatchObject({ url: "https://shop.example/hooks/b", events: ["capture"] });
    for (const id of [all.body.webhook_id, some.body.webhook_id]) {
      const deleted = await call(`${harness.url}/v1/webhooks/${String(id)}`, { method: "DELETE", headers: apiKey() });
      expect([deleted.status, deleted.text]).toEqual([200, ""]);
    }
    expect((await harness.client.webhooks()).map((hook) => hook.webhook_id)).not.toContain(all.body.webhook_id);
  });

  it("refuses a second webhook that would send an event to the same URL twice", async () => {
    const url = "https://shop.example/hooks/dup";
    const first = await create({ division_id: division(), url, events: ["capture", "void"] });
    onTestFinished(() => harness.client.deleteWebhook(String(first.body.webhook_id)));
    const overlapping = await create({ division_id: division(), url, events: ["void"] });
    expect(overlapping.status).toBe(422);
    expect(overlapping.body).toMatchObject({ errors: [{ code: 34 }] });
    expect((await create({ division_id: division(), url, event_group: "all" })).status).toBe(422);
    const disjoint = await create({ division_id: division(), url, events: ["credit"] });
    expect(disjoint.status).toBe(200);
    await harness.client.deleteWebhook(String(disjoint.body.webhook_id));
  });

  it.each([
    ["no url", { event_group: "all" }],
    ["a URL that is not http(s)", { url: "ftp://shop.example/x", event_group: "all" }],
    ["both event_group and events", { url: "https://shop.example/x", event_group: "all", events: ["auth"] }],
    ["neither event_group nor events", { url: "https://shop.example/x" }],
    ["an unknown event", { url: "https://shop.example/x", events: ["refund"] }],
  ])("answers 400 for %s", async (_name, body) => {
    const answer = await create({ division_id: division(), ...body });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.body).toMatchObject({ result: { success: false }, errors: [{ code: expect.any(Number) }] });
  });

  it("answers 403 for another division, 400 without one, 404 for an unknown id, 401 without the API key", async () => {
    expect((await create({ division_id: "someoneElse", url: "https://x.example", event_group: "all" })).status).toBe(
      403,
    );
    expect((await call(`${harness.url}/v1/webhooks?division_id=someoneElse`, { headers: apiKey() })).status).toBe(403);
    expect((await call(`${harness.url}/v1/webhooks`, { headers: apiKey() })).status).toBe(400);
    expect((await call(`${harness.url}/v1/webhooks/wh_nope`, { headers: apiKey() })).status).toBe(404);
    expect((await call(`${harness.url}/v1/webhooks/wh_nope`, { method: "DELETE", headers: apiKey() })).status).toBe(
      404,
    );
    expect((await call(`${harness.url}/v1/webhooks?division_id=${division()}`)).status).toBe(401);
  });
});

describe("transaction events", () => {
  it("fires Bolt's event for every change, with the transaction as GET shows it", async () => {
    const receiver = await listen();
    const authorized = await paid();
    const [auth] = await receiver.waitFor(authorized, 1);
    expect(auth?.json).toMatchObject({
      type: "auth",
      object: "transaction",
      data: { reference: authorized, status: "authorized", order_reference: expect.stringMatching(/^order-/) },
    });
    expect(auth?.json.data).toEqual(await harness.client.transaction(authorized));
    expect(auth?.headers["content-type"]).toBe("application/json");

    // One at a time: deliveries are concurrent, so two quick events may arrive in either order.
    await harness.client.capture(authorized, 4000);
    await receiver.waitFor(authorized, 2);
    const refund = await harness.client.credit(authorized, 1500);
    const hooks = await receiver.waitFor(authorized, 3);
    expect(typesOf(hooks)).toEqual(["auth", "capture", "credit"]);
    expect(hooks[1]?.json.data).toMatchObject({ status: "completed", captures: [{ amount: { amount: 4000 } }] });
    expect(hooks[2]?.json.data).toMatchObject({
      reference: refund.reference,
      type: "cc_credit",
      order_reference: auth?.json.data && (auth.json.data as Json).order_reference,
      requested_refund_amount: { amount: 1500 },
      source_transaction: { reference: authorized },
    });

    const voided = await paid();
    await receiver.waitFor(voided, 1);
    await harness.client.voidTransaction(voided);
    expect(typesOf(await receiver.waitFor(voided, 2))).toEqual(["auth", "void"]);
  });

  it("says payment for an auto-captured authorization, pending for one held, failed_payment for a decline", async () => {
    const receiver = await listen();
    const captured = await paid({ auto_capture: true });
    const [payment] = await receiver.waitFor(captured, 1);
    expect(payment?.json).toMatchObject({ type: "payment", data: { status: "completed", captures: [{}] } });

    const held = await paid({ cart: { total_amount: REVIEW_TOTAL, items: [] } });
    await receiver.waitFor(held, 1);
    await harness.client.review(held, "reject");
    const heldHooks = await receiver.waitFor(held, 2);
    expect(typesOf(heldHooks)).toEqual(["pending", "rejected_irreversible"]);
    expect(heldHooks[0]?.json.data).toMatchObject({ status: "pending", risk_review_status: "needs_review" });

    const approved = await paid({ credit_card_id: SEED_IDS.aliceReviewedVisa });
    await receiver.waitFor(approved, 1);
    await harness.client.review(approved, "approve");
    expect(typesOf(await receiver.waitFor(approved, 2))).toEqual(["pending", "auth"]);

    const declined = await payAsAlice(harness, { credit_card_id: SEED_IDS.aliceDecliningDiscover });
    expect(declined.status).toBe(422);
    await expect.poll(() => receiver.received.filter((hook) => hook.json.type === "failed_payment").length).toBe(1);
    const failed = receiver.received.find((hook) => hook.json.type === "failed_payment")?.json.data as Json;
    expect(failed).toMatchObject({ status: "failed", authorization: { status: "declined", reason: "call_issuer" } });
    expect(await harness.client.transaction(String(failed.reference))).toMatchObject({ status: "failed" });
  });

  it("sends a webhook subscribed to some events only those", async () => {
    const receiver = await listen(undefined, ["capture"]);
    const reference = await paid();
    await harness.client.capture(reference, 100);
    await harness.client.credit(reference, 100);
    await receiver.waitFor(reference, 1);
    await sleep(150);
    expect(typesOf(receiver.about(reference))).toEqual(["capture"]);
  });

  it("fires nothing for skip_hook_notification, nor for a replayed request", async () => {
    const receiver = await listen();
    const reference = await paid();
    await receiver.waitFor(reference, 1);
    await harness.client.capture(reference, 100, { skipHookNotification: true });
    const idempotencyKey = randomUUID();
    await harness.client.capture(reference, 200, { idempotencyKey });
    await harness.client.capture(reference, 200, { idempotencyKey });
    await sleep(200);
    expect(typesOf(receiver.about(reference))).toEqual(["auth", "capture"]);
    expect((receiver.about(reference)[1]?.json.data as Json).captures).toHaveLength(2);
  });

  it("delivers after the API answered, and a slow delivery holds up no other", async () => {
    const receiver = await listen((_hook, index) => (index === 0 ? "hang" : 200));
    const reference = await paid();
    const started = Date.now();
    await harness.client.capture(reference, 100);
    expect(Date.now() - started).toBeLessThan(1000);
    const hooks = await receiver.waitFor(reference, 2);
    expect(typesOf(hooks)).toEqual(["auth", "capture"]);
  });
});

describe("signatures", () => {
  it("signs the raw body with the signing secret in X-Bolt-Hmac-Sha256, and nothing else verifies", async () => {
    const receiver = await listen();
    const reference = await paid();
    const [hook] = await receiver.waitFor(reference, 1);
    const signature = String(hook?.headers["x-bolt-hmac-sha256"]);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(verifyWebhookBody(SANDBOX_SIGNING_SECRET, hook?.body ?? "", signature)).toBe(true);
    expect(verifyWebhookBody("another-secret-0123456789", hook?.body ?? "", signature)).toBe(false);
    expect(verifyWebhookBody(SANDBOX_SIGNING_SECRET, `${hook?.body ?? ""} `, signature)).toBe(false);
    expect(hook?.headers).not.toHaveProperty("x-bolt-hmac-sha256-pending");
  });

  it("uses BOLT_EMULATOR_SIGNING_SECRET, and sends to BOLT_EMULATOR_WEBHOOK_URLS from the start and after a reset", async () => {
    const receiver = await webhookReceiver();
    const secret = "a-merchant-signing-secret-of-their-own";
    const emulator = await startEmulator({
      port: 0,
      env: { BOLT_EMULATOR_SIGNING_SECRET: secret, BOLT_EMULATOR_WEBHOOK_URLS: receiver.url },
    });
    onTestFinished(async () => {
      await emulator.close();
      await receiver.close();
    });
    const client = new EmulatorTestClient(emulator.url, emulator.settings);
    const preset = { url: receiver.url, event_group: "all", events: null };
    expect(await client.webhooks()).toEqual([expect.objectContaining(preset)]);
    await call(`${emulator.url}/__emulator/reset`, { method: "POST" });
    expect(await client.webhooks()).toEqual([expect.objectContaining(preset)]);

    const other = { url: emulator.url, emulator, client } as Harness;
    const reference = referenceOf(await payAsAlice(other));
    const [hook] = await receiver.waitFor(reference, 1);
    expect(verifyWebhookBody(secret, hook?.body ?? "", String(hook?.headers["x-bolt-hmac-sha256"]))).toBe(true);
    expect(
      verifyWebhookBody(SANDBOX_SIGNING_SECRET, hook?.body ?? "", String(hook?.headers["x-bolt-hmac-sha256"])),
    ).toBe(false);
  });
});

describe("retries", () => {
  it("retries a non-2xx answer with exponential backoff until it lands", async () => {
    const receiver = await listen((_hook, index) => (index < 3 ? 503 : 200));
    const reference = await paid();
    const hooks = await receiver.waitFor(reference, 4);
    expect(new Set(hooks.map((hook) => hook.body)).size).toBe(1);
    expect(new Set(hooks.map((hook) => hook.headers["x-bolt-hmac-sha256"])).size).toBe(1);

    const attempts = await harness.client.deliveries({ reference });
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.delivered])).toEqual([
      [1, 503, false],
      [2, 503, false],
      [3, 503, false],
      [4, 200, true],
    ]);
    expect(new Set(attempts.map((attempt) => attempt.delivery)).size).toBe(1);
    const times = attempts.map((attempt) => Date.parse(attempt.at));
    for (let retry = 1; retry < times.length; retry++) {
      // 50 ms, then 100, then 200: never sooner (timers don't fire early; `at` has millisecond precision).
      expect((times[retry] ?? 0) - (times[retry - 1] ?? 0)).toBeGreaterThanOrEqual(50 * 2 ** (retry - 1) - 1);
    }
  });

  it("delivers what failed while the storefront was down once it is back", async () => {
    const down = await webhookReceiver();
    const { port, url } = down;
    await down.close();
    const id = await harness.client.registerWebhook(url);
    onTestFinished(() => harness.client.deleteWebhook(id));
    const reference = await paid();
    await expect
      .poll(async () => (await harness.client.deliveries({ reference })).length, { timeout: 3000 })
      .toBeGreaterThanOrEqual(2);
    const back = await webhookReceiver(undefined, port);
    onTestFinished(() => back.close());
    const [hook] = await back.waitFor(reference, 1, 10_000);
    expect(hook?.json).toMatchObject({ type: "auth" });
    const attempts = await harness.client.deliveries({ reference });
    expect(attempts[0]).toMatchObject({ attempt: 1, error: "ECONNREFUSED", delivered: false });
    expect(attempts.at(-1)).toMatchObject({ status: 200, delivered: true });
  });
});

describe("retries with short limits", () => {
  const quick = emulatorForFile({ BOLT_EMULATOR_WEBHOOK_RETRY_MS: "5", BOLT_EMULATOR_WEBHOOK_TIMEOUT_MS: "200" });

  it("counts an answer slower than the timeout as failed, and retries", async () => {
    const receiver = await listen((_hook, index) => (index === 0 ? "hang" : 200), "all", quick);
    const reference = referenceOf(await payAsAlice(quick));
    await receiver.waitFor(reference, 2);
    const attempts = await quick.client.deliveries({ reference });
    expect(attempts.map((attempt) => [attempt.attempt, attempt.error, attempt.status])).toEqual([
      [1, "timeout after 200 ms", undefined],
      [2, undefined, 200],
    ]);
  });

  it("gives up after 8 attempts", async () => {
    const receiver = await listen(() => 500, "all", quick);
    const reference = referenceOf(await payAsAlice(quick));
    await receiver.waitFor(reference, 8);
    await sleep(1000);
    expect(receiver.about(reference)).toHaveLength(8);
    expect((await quick.client.deliveries({ reference })).map((attempt) => attempt.attempt)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  it("stops retrying on a reset", async () => {
    const receiver = await listen(() => 500, "all", quick);
    const reference = referenceOf(await payAsAlice(quick));
    await receiver.waitFor(reference, 2);
    await call(`${quick.url}/__emulator/reset`, { method: "POST" });
    const seen = receiver.about(reference).length;
    await sleep(800);
    expect(receiver.about(reference).length).toBeLessThanOrEqual(seen + 1);
    expect(receiver.about(reference).length).toBeLessThan(8);
  });
});

describe("delivery faults", () => {
  it("duplicate: every event arrives again, identical", async () => {
    const receiver = await listen();
    await harness.client.setWebhookFaults({ duplicate: 2 });
    onTestFinished(() => harness.client.clearWebhookFaults());
    const reference = await paid();
    const hooks = await receiver.waitFor(reference, 3);
    expect(typesOf(hooks)).toEqual(["auth", "auth", "auth"]);
    expect(new Set(hooks.map((hook) => `${hook.body}|${String(hook.headers["x-bolt-hmac-sha256"])}`)).size).toBe(1);
    const deliveries = await harness.client.deliveries({ reference });
    expect(deliveries.map((entry) => entry.faults.includes("duplicate")).sort()).toEqual([false, true, true]);
  });

  it("reorder: holds the events, and delivers them newest first when cleared", async () => {
    const receiver = await listen();
    await harness.client.setWebhookFaults({ reorder: true });
    onTestFinished(() => harness.client.clearWebhookFaults());
    const reference = await paid();
    await harness.client.capture(reference, 4200);
    await harness.client.credit(reference, 100);
    await sleep(150);
    expect(receiver.about(reference)).toHaveLength(0);
    await harness.client.clearWebhookFaults();
    const hooks = await receiver.waitFor(reference, 3);
    expect(typesOf(hooks)).toEqual(["credit", "capture", "auth"]);
    expect((hooks[2]?.json.data as Json).status).toBe("authorized");
  });

  it("wrongSecret: the signature does not verify; the storefront's refusal is retried", async () => {
    const receiver = await listen((hook) =>
      verifyWebhookBody(SANDBOX_SIGNING_SECRET, hook.body, String(hook.headers["x-bolt-hmac-sha256"])) ? 200 : 401,
    );
    await harness.client.setWebhookFaults({ wrongSecret: true });
    onTestFinished(() => harness.client.clearWebhookFaults());
    const reference = await paid();
    await receiver.waitFor(reference, 2);
    await harness.client.clearWebhookFaults();
    const attempts = await harness.client.deliveries({ reference });
    expect(attempts.slice(0, 2)).toEqual([
      expect.objectContaining({ attempt: 1, status: 401, faults: ["wrong_secret"] }),
      expect.objectContaining({ attempt: 2, status: 401, faults: ["wrong_secret"] }),
    ]);
    const later = await paid();
    await receiver.waitFor(later, 1);
    expect((await harness.client.deliveries({ reference: later }))[0]).toMatchObject({ status: 200, faults: [] });
  });

  it("rotation: X-Bolt-Hmac-Sha256-Pending is signed with the next secret", async () => {
    const receiver = await listen();
    const nextSecret = "the-next-signing-secret-0123456789";
    await harness.client.setWebhookFaults({ rotation: { nextSecret } });
    onTestFinished(() => harness.client.clearWebhookFaults());
    const reference = await paid();
    const [hook] = await receiver.waitFor(reference, 1);
    const body = hook?.body ?? "";
    expect(verifyWebhookBody(SANDBOX_SIGNING_SECRET, body, String(hook?.headers["x-bolt-hmac-sha256"]))).toBe(true);
    expect(verifyWebhookBody(nextSecret, body, String(hook?.headers["x-bolt-hmac-sha256-pending"]))).toBe(true);
    expect(verifyWebhookBody(SANDBOX_SIGNING_SECRET, body, String(hook?.headers["x-bolt-hmac-sha256-pending"]))).toBe(
      false,
    );
  });

  it("refuses a malformed fault with 400", async () => {
    for (const body of [{ duplicate: -1 }, { reorder: "yes" }, { rotation: {} }, { unknown: true }]) {
      const answer = await call(`${harness.url}/__emulator/webhooks/faults`, { json: body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("the delivery log", () => {
  it("records each attempt with its event, references, URL, answer and time; filters; clears", async () => {
    const receiver = await listen();
    const reference = await paid();
    await harness.client.capture(reference, 100);
    await receiver.waitFor(reference, 2);
    const orderReference = String((await harness.client.transaction(reference)).order_reference);
    const mine = await harness.client.deliveries({ reference });
    expect(mine).toEqual([
      {
        delivery: expect.any(String),
        attempt: 1,
        type: "auth",
        reference,
        orderReference,
        webhookId: expect.stringMatching(/^wh_/),
        url: receiver.url,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        durationMs: expect.any(Number),
        status: 200,
        delivered: true,
        faults: [],
      },
      expect.objectContaining({ type: "capture", reference, orderReference, attempt: 1, status: 200 }),
    ]);
    expect(await harness.client.deliveries({ reference, type: "capture" })).toHaveLength(1);
    expect(await harness.client.deliveries({ orderReference })).toHaveLength(2);
    await harness.client.clearDeliveries();
    expect(await harness.client.deliveries()).toEqual([]);
  });
});
