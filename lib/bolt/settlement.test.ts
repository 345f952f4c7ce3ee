import { describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS as sandbox } from "bolt-emulator/test-client";
import {
  authorizeSavedCard,
  BoltApiError,
  BoltInProgressError,
  BoltRefusedError,
  BoltResponseError,
  BoltTimeoutError,
  captureTransaction,
  deleteWebhook,
  getTransaction,
  listWebhooks,
  refundTransaction,
  registerWebhook,
  reviewTransaction,
  voidTransaction,
} from "./index";
import { exampleOf, schemaViolations } from "./testing/openapi";
import { stubBoltForFile } from "./testing/stub-bolt";

// The settlement calls and webhook registration against a scripted Bolt: the bodies Bolt's v1
// document asks for, the answers in the spec's and the sandbox's shapes, Bolt's refusals as typed
// errors, and the payments budget.

// A short general budget and a longer one for payments, to tell which one a call runs on.
const bolt = stubBoltForFile({ STOREFRONT_TUNING: JSON.stringify({ boltTimeoutMs: 150, boltPaymentTimeoutMs: 600 }) });

const usd = (amount: number) => ({ amount, currency: "USD", currency_symbol: "$" });

/** A payment as Bolt's transaction details show it (the emulator's spec profile, as Bolt documents it). */
function payment(change: Record<string, unknown> = {}) {
  return {
    id: "TAa1b2c3d4e5f",
    reference: "LBLJTWW7R9VC",
    type: "cc_payment",
    status: "authorized",
    amount: usd(5900),
    authorization: { status: "succeeded", reason: "none" },
    captures: [],
    order: { cart: { order_reference: "ORD000000001" } },
    refunded_amount: usd(0),
    refund_transactions: [],
    ...change,
  };
}

const request = { reference: "LBLJTWW7R9VC", currency: "USD", idempotencyKey: "capture-key-1" };
const sent = (index = 0) => JSON.parse(bolt.requests[index]?.body ?? "null") as Record<string, unknown>;

describe("captureTransaction", () => {
  it("posts Bolt's capture body with the API key and the Idempotency-Key, and reads the captures", async () => {
    const captured = payment({ status: "completed", captures: [{ amount: usd(2000), status: "succeeded" }] });
    bolt.reply("POST /v1/merchant/transactions/capture", { body: captured });
    const view = await captureTransaction(request, 2000);
    expect(sent()).toEqual({ transaction_reference: "LBLJTWW7R9VC", amount: 2000, currency: "USD" });
    expect(schemaViolations("capture_transaction_with_reference", sent())).toEqual([]);
    expect(bolt.requests[0]?.headers).toMatchObject({
      "x-api-key": sandbox.apiKey,
      "idempotency-key": "capture-key-1",
    });
    expect(view).toEqual({
      reference: "LBLJTWW7R9VC",
      orderReference: "ORD000000001",
      state: "completed",
      currency: "USD",
      authorizedCents: 5900,
      capturedCents: 2000,
      refundedCents: 0,
    });
  });

  it("adds up several captures, and counts only the ones that succeeded", async () => {
    const captures = [
      { amount: usd(1000), status: "succeeded" },
      { amount: usd(700), status: "declined" },
      { amount: usd(900) },
    ];
    bolt.reply("POST /v1/merchant/transactions/capture", { body: payment({ status: "completed", captures }) });
    await expect(captureTransaction(request, 900)).resolves.toMatchObject({ capturedCents: 1900 });
  });

  it("reads the plain transaction_view Bolt's spec answers, its documented example included", async () => {
    bolt.reply("POST /v1/merchant/transactions/capture", { body: exampleOf("transaction_view") });
    const view = await captureTransaction(request, 754);
    expect(view.reference).toEqual(expect.any(String));
    expect(view.capturedCents).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ["a 422 with Bolt's code 22 (more than is left)", 422, 22, "amount_too_high"],
    ["a 403 with code 18 (held for review)", 403, 18, "not_allowed"],
    ["a 404 (unknown payment)", 404, 2001404, "not_found"],
    ["a 422 with code 2001409 (key reused with another body)", 422, 2001409, "key_reused"],
    ["a 422 with another code", 422, 2001005, "invalid"],
  ])("turns %s into a refusal naming why, with Bolt's words", async (_case, status, code, reason) => {
    const message = "The amount is too high: 9000 is more than the 5900 left to capture.";
    bolt.reply("POST /v1/merchant/transactions/capture", {
      status,
      body: { result: { success: false }, errors: [{ code, message }] },
    });
    const error = await captureTransaction(request, 9000).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BoltRefusedError);
    expect(error).toMatchObject({ status, reason, boltCode: code, detail: message });
  });

  it("says 'still in progress', not 'refused', when the same key is still running at Bolt (409)", async () => {
    bolt.reply("POST /v1/merchant/transactions/capture", {
      status: 409,
      headers: { "Idempotent-Retriable": "true" },
      body: { result: { success: false }, errors: [{ code: 409, message: "A request with this key is running." }] },
    });
    const error = await captureTransaction(request, 100).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BoltInProgressError);
    expect(error).not.toBeInstanceOf(BoltRefusedError);
  });

  it("leaves a refused API key (401) an API error: the store's configuration, not the payment", async () => {
    bolt.reply("POST /v1/merchant/transactions/capture", {
      status: 401,
      body: { errors: [{ code: 1005, message: "Invalid merchant key." }] },
    });
    const error = await captureTransaction(request, 100).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BoltApiError);
    expect(error).not.toBeInstanceOf(BoltRefusedError);
  });

  it("waits longer than other Bolt calls (the payments budget), and is never retried", async () => {
    bolt.reply("POST /v1/merchant/transactions/capture", { hang: true });
    const started = Date.now();
    await expect(captureTransaction(request, 100)).rejects.toBeInstanceOf(BoltTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(bolt.requests).toHaveLength(1);
  });
});

describe("voidTransaction and reviewTransaction", () => {
  it("voids with Bolt's void body and reads the voided payment", async () => {
    bolt.reply("POST /v1/merchant/transactions/void", {
      body: payment({ status: "cancelled", void: { status: "succeeded", cause: "merchant_action" } }),
    });
    const view = await voidTransaction({ reference: "LBLJTWW7R9VC", idempotencyKey: "void-key" });
    expect(sent()).toEqual({ transaction_reference: "LBLJTWW7R9VC" });
    expect(schemaViolations("credit_card_void", sent())).toEqual([]);
    expect(view.state).toBe("voided");
  });

  it.each([
    ["approve", payment({ risk_review_status: "reviewed" }), "authorized"],
    ["reject", payment({ status: "rejected_irreversible", void_cause: "irreversible_reject" }), "rejected"],
  ] as const)("sends a %s decision and reads the payment after it", async (decision, answer, state) => {
    bolt.reply("POST /v1/merchant/transactions/review", { body: answer });
    const view = await reviewTransaction({ reference: "LBLJTWW7R9VC", idempotencyKey: "review-key" }, decision);
    expect(sent()).toEqual({ transaction_reference: "LBLJTWW7R9VC", decision });
    expect(schemaViolations("merchant_credit_card_review", sent())).toEqual([]);
    expect(view.state).toBe(state);
  });

  it("reads a void Bolt made for an irreversible rejection as a rejection", async () => {
    bolt.reply("POST /v1/merchant/transactions/void", {
      body: payment({ status: "cancelled", void: { status: "succeeded", cause: "irreversible_reject" } }),
    });
    await expect(voidTransaction({ reference: "R", idempotencyKey: "k" })).resolves.toMatchObject({
      state: "rejected",
    });
  });
});

describe("refundTransaction", () => {
  /** The refund as Bolt's credit answers it: a cc_credit of its own, naming the payment it refunded. */
  const refund = {
    id: "TArefund00001",
    reference: "RFND00000001",
    type: "cc_credit",
    status: "completed",
    amount: usd(1500),
    order: { cart: { order_reference: "ORD000000001" } },
    source_transaction: {
      reference: "LBLJTWW7R9VC",
      type: "cc_payment",
      status: "completed",
      amount: usd(5900),
      captures: [{ amount: usd(5900), status: "succeeded" }],
    },
  };

  it("posts Bolt's credit body and reads the refund as a view of the refunded payment", async () => {
    bolt.reply("POST /v1/merchant/transactions/credit", { body: refund });
    const view = await refundTransaction({ ...request, idempotencyKey: "refund-key" }, 1500);
    expect(sent()).toEqual({ transaction_reference: "LBLJTWW7R9VC", amount: 1500, currency: "USD" });
    expect(schemaViolations("transaction_credit", sent())).toEqual([]);
    expect(view).toEqual({
      reference: "LBLJTWW7R9VC",
      orderReference: "ORD000000001",
      state: "completed",
      currency: "USD",
      authorizedCents: 5900,
      capturedCents: 5900,
      refundedCents: 1500,
      refund: { reference: "RFND00000001", amountCents: 1500 },
    });
  });

  it("refuses a refund answer that names no payment", async () => {
    bolt.reply("POST /v1/merchant/transactions/credit", { body: { ...refund, source_transaction: null } });
    await expect(refundTransaction(request, 1500)).rejects.toBeInstanceOf(BoltResponseError);
  });

  it("turns Bolt's 422 for a refund above what was captured into a refusal", async () => {
    bolt.reply("POST /v1/merchant/transactions/credit", {
      status: 422,
      body: { errors: [{ code: 22, message: "The amount is too high: 9000 is more than the 5900 captured." }] },
    });
    await expect(refundTransaction(request, 9000)).rejects.toMatchObject({
      name: "BoltRefusedError",
      reason: "amount_too_high",
    });
  });
});

describe("getTransaction", () => {
  it("reads the details: refunds, the order, and the sandbox's `captures: null`", async () => {
    bolt.reply("GET /v1/merchant/transactions/4HYC-GXT8-RRC7", {
      body: payment({ reference: "4HYC-GXT8-RRC7", status: "pending", captures: null, refunded_amount: null }),
    });
    await expect(getTransaction("4HYC-GXT8-RRC7")).resolves.toEqual({
      reference: "4HYC-GXT8-RRC7",
      orderReference: "ORD000000001",
      state: "authorized",
      currency: "USD",
      authorizedCents: 5900,
      capturedCents: 0,
      refundedCents: 0,
    });
  });

  it("adds up the refund transactions when Bolt leaves out refunded_amount", async () => {
    const refunds = [
      { reference: "R1", amount: usd(500), status: "completed" },
      { reference: "R2", amount: usd(700), status: "failed" },
    ];
    bolt.reply("GET /v1/merchant/transactions/LBLJTWW7R9VC", {
      body: payment({
        status: "completed",
        captures: [{ amount: usd(5900) }],
        refunded_amount: undefined,
        refund_transactions: refunds,
      }),
    });
    await expect(getTransaction("LBLJTWW7R9VC")).resolves.toMatchObject({ capturedCents: 5900, refundedCents: 500 });
  });

  it.each([
    ["needs_review", { status: "pending", risk_review_status: "needs_review" }, "in_review"],
    ["a reversible rejection", { status: "rejected_reversible" }, "in_review"],
    ["a declined authorization", { status: "failed", authorization: { status: "declined" } }, "declined"],
    ["a payment Bolt is still creating", { status: "in_progress", authorization: null }, "unknown"],
  ])("reads %s", async (_case, change, state) => {
    bolt.reply("GET /v1/merchant/transactions/LBLJTWW7R9VC", { body: payment(change) });
    await expect(getTransaction("LBLJTWW7R9VC")).resolves.toMatchObject({ state });
  });

  it("retries a GET Bolt failed, within the payments budget", async () => {
    bolt.reply("GET /v1/merchant/transactions/LBLJTWW7R9VC", { status: 503 }, { body: payment() });
    await expect(getTransaction("LBLJTWW7R9VC")).resolves.toMatchObject({ state: "authorized" });
    expect(bolt.requests).toHaveLength(2);
  });

  it("never lets a reference change the request's path", async () => {
    await expect(getTransaction("../v1/webhooks")).rejects.toMatchObject({ reason: "not_found" });
    expect(bolt.requests).toEqual([]);
  });
});

describe("webhook registration", () => {
  it("registers a URL for every event of the division, under a fresh Idempotency-Key", async () => {
    bolt.reply("POST /v1/webhooks", { body: { webhook_id: "wh_1" } });
    await expect(registerWebhook("https://shop.example.com/api/bolt/webhooks")).resolves.toBe("wh_1");
    expect(sent()).toEqual({
      division_id: sandbox.divisionId,
      url: "https://shop.example.com/api/bolt/webhooks",
      event_group: "all",
    });
    expect(schemaViolations("event_group_create_webhook", sent())).toEqual([]);
    expect(bolt.requests[0]?.headers["idempotency-key"]).toEqual(expect.any(String));
  });

  it("registers a list of events when given one", async () => {
    bolt.reply("POST /v1/webhooks", { body: { webhook_id: "wh_2" } });
    await registerWebhook("https://shop.example.com/api/bolt/webhooks", ["capture", "credit"]);
    expect(sent()).toMatchObject({ events: ["capture", "credit"] });
    expect(schemaViolations("events_array_create_webhook", sent())).toEqual([]);
  });

  it("lists the division's webhooks, all events or a list", async () => {
    const query = new URLSearchParams({ division_id: sandbox.divisionId });
    bolt.reply(`GET /v1/webhooks?${query}`, {
      body: {
        webhooks: [
          {
            webhook_id: "wh_1",
            url: "https://a.example/hook",
            created_at: 1_767_225_600_000,
            event_group: "all",
            events: null,
          },
          { webhook_id: "wh_2", url: "https://b.example/hook", created_at: 1_767_225_600_001, events: ["capture"] },
        ],
      },
    });
    await expect(listWebhooks()).resolves.toEqual([
      { id: "wh_1", url: "https://a.example/hook", createdAt: 1_767_225_600_000, events: undefined },
      { id: "wh_2", url: "https://b.example/hook", createdAt: 1_767_225_600_001, events: ["capture"] },
    ]);
  });

  it("deletes one by id, and refuses an id that would change the path", async () => {
    bolt.reply("DELETE /v1/webhooks/wh_1", { body: "" });
    await deleteWebhook("wh_1");
    expect(bolt.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["DELETE /v1/webhooks/wh_1"]);
    await expect(deleteWebhook("../merchant")).rejects.toBeInstanceOf(TypeError);
  });
});

describe("the capture policy on authorize", () => {
  const input = {
    cardId: "card_1",
    cart: { orderReference: "ORD000000001", currency: "USD", totalAmount: 5900, taxAmount: 0, items: [] },
    user: { email: "a@example.com", phone: "+14155550100", firstName: "A", lastName: "B" },
    idempotencyKey: "ORD000000001",
  };

  it.each([true, false])("asks Bolt for auto_capture: %s when the input says so", async (autoCapture) => {
    bolt.reply("POST /v1/merchant/transactions/authorize", { body: exampleOf("i_authorize_result_view") });
    await authorizeSavedCard("at", { ...input, autoCapture });
    expect(sent()).toMatchObject({ auto_capture: autoCapture });
    expect(schemaViolations("merchant_credit_card_authorization_recharge", sent())).toEqual([]);
  });

  it("leaves auto_capture out when the input does not say (Bolt's default: no capture)", async () => {
    bolt.reply("POST /v1/merchant/transactions/authorize", { body: exampleOf("i_authorize_result_view") });
    await authorizeSavedCard("at", input);
    expect(sent()).not.toHaveProperty("auto_capture");
  });
});
