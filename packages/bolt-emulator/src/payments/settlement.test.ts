import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SEED_IDS } from "../store/seeds";
import {
  bearer,
  call,
  credentials,
  emulatorForFile,
  payAsAlice,
  recharge,
  referenceOf,
  seededCode,
  sleep,
  type Answer,
  type Json,
} from "../test-client/vitest-harness";
import { REVIEW_TOTAL } from "./transaction";

const harness = emulatorForFile();

const settle = (operation: string, body: Json, headers: Record<string, string> = {}) =>
  call(`${harness.url}/v1/merchant/transactions/${operation}`, {
    json: body,
    headers: { "X-API-Key": credentials(harness).apiKey, ...headers },
  });

const capture = (reference: string, amount: number, headers?: Record<string, string>) =>
  settle("capture", { transaction_reference: reference, amount, currency: "USD" }, headers);
const refund = (reference: string, amount: number) =>
  settle("credit", { transaction_reference: reference, amount, currency: "USD" });
const voidIt = (reference: string) => settle("void", { transaction_reference: reference });
const review = (reference: string, decision: string) =>
  settle("review", { transaction_reference: reference, decision });

/** A fresh $42.00 authorization of alice's (or what `overrides` make it), by reference. */
async function authorized(overrides: Json = {}): Promise<string> {
  const answer = await payAsAlice(harness, overrides);
  expect(answer.status, answer.text).toBe(200);
  return referenceOf(answer);
}

const heldForReview = () => authorized({ cart: { total_amount: REVIEW_TOTAL, items: [] } });

function expectRefused(answer: Answer, status: number, code: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.body).toMatchObject({ result: { success: false }, errors: [{ code, message: expect.any(String) }] });
}

const capturedAmounts = (answer: Answer) => ((answer.body.captures as Json[] | null) ?? []).map((made) => made.amount);

describe("capture", () => {
  it("captures in parts up to the authorized amount, and refuses a cent more", async () => {
    const reference = await authorized();
    const first = await capture(reference, 1000);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ reference, status: "completed", capture: { amount: { amount: 1000 } } });
    const second = await capture(reference, 3200);
    expect(capturedAmounts(second)).toEqual([
      { amount: 1000, currency: "USD", currency_symbol: "$" },
      { amount: 3200, currency: "USD", currency_symbol: "$" },
    ]);
    expectRefused(await capture(reference, 1), 422, 22);
    const captures = (await harness.client.transaction(reference)).captures ?? [];
    expect(captures.map((made) => made.amount.amount)).toEqual([1000, 3200]);
  });

  it("refuses more than is left in one go, and changes nothing", async () => {
    const reference = await authorized();
    await capture(reference, 4000);
    const over = await capture(reference, 201);
    expectRefused(over, 422, 22);
    expect(over.body).toMatchObject({ errors: [{ message: expect.stringContaining("200 left") }] });
    const [order] = await harness.client.orders({ orderReference: await orderReferenceOf(reference) });
    expect(order).toMatchObject({ status: "completed", capturedAmount: 4000, refundedAmount: 0 });
  });

  it.each([
    ["a zero amount", { amount: 0 }],
    ["a fractional amount", { amount: 10.5 }],
    ["another currency", { currency: "EUR" }],
    ["no currency", { currency: undefined }],
  ])("answers 422 for %s", async (_name, change) => {
    const reference = await authorized();
    const answer = await settle("capture", {
      transaction_reference: reference,
      amount: 100,
      currency: "USD",
      ...change,
    });
    expectRefused(answer, 422, 2001005);
    expect((await harness.client.transaction(reference)).captures).toEqual([]);
  });

  it("answers 404 for an unknown reference and 401 without the API key", async () => {
    expectRefused(await capture("NOPENOPENOPE", 100), 404, 2001404);
    const reference = await authorized();
    const answer = await call(`${harness.url}/v1/merchant/transactions/capture`, {
      json: { transaction_reference: reference, amount: 100, currency: "USD" },
    });
    expectRefused(answer, 401, 1005);
  });

  it("refuses a payment held for review until it is approved", async () => {
    const reference = await heldForReview();
    expectRefused(await capture(reference, 100), 403, 18);
    expect((await review(reference, "approve")).status).toBe(200);
    expect((await capture(reference, REVIEW_TOTAL)).body).toMatchObject({ status: "completed" });
  });
});

describe("void", () => {
  it("cancels an authorization before any capture, and then nothing can be captured", async () => {
    const reference = await authorized();
    const answer = await voidIt(reference);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ reference, status: "cancelled", void: { status: "succeeded" } });
    expectRefused(await capture(reference, 100), 403, 18);
    expectRefused(await voidIt(reference), 403, 18);
    expect(await harness.client.transaction(reference)).toMatchObject({
      status: "cancelled",
      void_cause: "merchant_action",
    });
  });

  it("answers 403 after a capture: the money must be refunded instead", async () => {
    const reference = await authorized();
    await capture(reference, 100);
    const answer = await voidIt(reference);
    expectRefused(answer, 403, 18);
    expect(answer.body).toMatchObject({ errors: [{ message: expect.stringContaining("refund it instead") }] });
    expect(await harness.client.transaction(reference)).toMatchObject({ status: "completed" });
  });

  it("takes the extra field Bolt's integrations send, and answers 404 for an unknown reference", async () => {
    const reference = await authorized();
    const answer = await settle("void", { transaction_reference: reference, credit_card_transaction_id: "TAxxxx" });
    expect(answer.status, answer.text).toBe(200);
    expectRefused(await voidIt("NOPENOPENOPE"), 404, 2001404);
  });
});

describe("credit (refund)", () => {
  it("refunds in parts up to what was captured, each a cc_credit transaction of its own", async () => {
    const reference = await authorized();
    await capture(reference, 3000);
    const part = await refund(reference, 1000);
    expect(part.status, part.text).toBe(200);
    expect(part.body).toMatchObject({
      type: "cc_credit",
      status: "completed",
      amount: { amount: 1000 },
      credit: { status: "succeeded" },
      requested_refund_amount: { amount: 1000 },
      source_transaction: { reference },
    });
    const refundReference = String(part.body.reference);
    expect(refundReference).not.toBe(reference);
    expect((await refund(reference, 2000)).status).toBe(200);
    expectRefused(await refund(reference, 1), 422, 22);

    const payment = await harness.client.transaction(reference);
    expect(payment).toMatchObject({ status: "completed", refunded_amount: { amount: 3000 } });
    expect((payment.refund_transactions as Json[]).map((credit) => (credit.amount as Json).amount)).toEqual([
      1000, 2000,
    ]);
    expect(await harness.client.transaction(refundReference)).toMatchObject({
      type: "cc_credit",
      source_transaction: { reference },
    });
  });

  it("refuses a refund beyond what was captured, of an authorization only, and of a void", async () => {
    const partly = await authorized();
    await capture(partly, 500);
    const over = await refund(partly, 501);
    expectRefused(over, 422, 22);
    expect(over.body).toMatchObject({ errors: [{ message: expect.stringContaining("500 captured") }] });
    expectRefused(await refund(await authorized(), 100), 422, 22);
    const voided = await authorized();
    await voidIt(voided);
    expectRefused(await refund(voided, 100), 422, 22);
    expect((await harness.client.transaction(partly)).refunded_amount).toMatchObject({ amount: 0 });
  });

  it("answers an unknown reference with the only status the document declares, 422", async () => {
    expectRefused(await refund("NOPENOPENOPE", 100), 422, 2001404);
  });
});

describe("review", () => {
  it("holds alice's Visa …1881 in review until approved, then it is an authorization like any other", async () => {
    const reference = await authorized({ credit_card_id: SEED_IDS.aliceReviewedVisa });
    expect(await harness.client.transaction(reference)).toMatchObject({
      status: "pending",
      risk_review_status: "needs_review",
    });
    const approved = await review(reference, "approve");
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ reference, status: "authorized", risk_review_status: "reviewed" });
    expectRefused(await review(reference, "approve"), 403, 18);
    expect((await capture(reference, 4200)).status).toBe(200);
  });

  it("rejects for good: the authorization is released and can't be captured", async () => {
    const reference = await heldForReview();
    const rejected = await review(reference, "reject");
    expect(rejected.body).toMatchObject({
      status: "rejected_irreversible",
      risk_review_status: "reviewed",
      void_cause: "irreversible_reject",
    });
    expectRefused(await capture(reference, 100), 403, 18);
    expectRefused(await review(reference, "approve"), 403, 18);
  });

  it("refuses to review a payment that was never held, and answers 404 for an unknown one", async () => {
    expectRefused(await review(await authorized(), "approve"), 403, 18);
    expectRefused(await review("NOPENOPENOPE", "reject"), 404, 2001404);
    expectRefused(await review(await heldForReview(), "maybe"), 422, 2001005);
  });

  it("a held payment may be voided instead", async () => {
    const reference = await heldForReview();
    expect((await voidIt(reference)).body).toMatchObject({ status: "cancelled" });
    expectRefused(await review(reference, "approve"), 403, 18);
  });
});

describe("auto_capture", () => {
  it("captures the whole amount at once", async () => {
    const answer = await payAsAlice(harness, { auto_capture: true });
    expect(answer.body.transaction).toMatchObject({
      status: "completed",
      captures: [{ status: "succeeded", amount: { amount: 4200 } }],
    });
    const reference = referenceOf(answer);
    expectRefused(await capture(reference, 1), 422, 22);
    expect((await refund(reference, 4200)).status).toBe(200);
  });

  it("waits for the review, then captures on approval", async () => {
    const answer = await payAsAlice(harness, { auto_capture: true, cart: { total_amount: REVIEW_TOTAL, items: [] } });
    expect(answer.body.transaction).toMatchObject({ status: "pending", captures: [] });
    const approved = await review(referenceOf(answer), "approve");
    expect(approved.body).toMatchObject({ status: "completed", captures: [{ amount: { amount: REVIEW_TOTAL } }] });
  });
});

describe("/__emulator/orders", () => {
  it("lists each authorization of an order once, with its status and amounts; declines are no orders", async () => {
    const orderReference = `order-${randomUUID()}`;
    const declined = await payAsAlice(harness, {
      credit_card_id: SEED_IDS.aliceDecliningDiscover,
      cart: { order_reference: orderReference },
    });
    expect(declined.status).toBe(422);
    const reference = await authorized({ cart: { order_reference: orderReference } });
    await capture(reference, 4200);
    await refund(reference, 200);
    expect(await harness.client.orders({ orderReference })).toEqual([
      expect.objectContaining({
        orderReference,
        shopper: "alice@example.com",
        transactionReference: reference,
        status: "completed",
        amount: 4200,
        capturedAmount: 4200,
        refundedAmount: 200,
      }),
    ]);
  });
});

describe("Idempotency-Key on capture, void, credit and review", () => {
  it("replays the first answer for the same key and body, and captures once", async () => {
    const reference = await authorized();
    const key = randomUUID();
    const first = await capture(reference, 1000, { "Idempotency-Key": key });
    const again = await capture(reference, 1000, { "Idempotency-Key": key });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect((await harness.client.transaction(reference)).captures).toHaveLength(1);
  });

  it("refuses the same key with another body, or on another endpoint, and changes nothing", async () => {
    const reference = await authorized();
    const key = randomUUID();
    await capture(reference, 1000, { "Idempotency-Key": key });
    expectRefused(await capture(reference, 2000, { "Idempotency-Key": key }), 422, 2001409);
    const other = await settle(
      "credit",
      { transaction_reference: reference, amount: 1000, currency: "USD" },
      {
        "Idempotency-Key": key,
      },
    );
    expectRefused(other, 422, 2001409);
    const payment = await harness.client.transaction(reference);
    expect([payment.captures?.length, payment.refunded_amount?.amount]).toEqual([1, 0]);
  });

  it("answers 409 (retriable) while the first request with the key is still running", async () => {
    const reference = await authorized();
    await harness.client.addFault({ path: "/v1/merchant/transactions/capture", latencyMs: 400, times: 1 });
    const key = randomUUID();
    const first = capture(reference, 1000, { "Idempotency-Key": key });
    await sleep(100);
    const during = await capture(reference, 1000, { "Idempotency-Key": key });
    expectRefused(during, 409, 409);
    expect(during.headers.get("idempotent-retriable")).toBe("true");
    expect((await first).status).toBe(200);
    const after = await capture(reference, 1000, { "Idempotency-Key": key });
    expect(after.headers.get("idempotent-replayed")).toBe("true");
    expect((await harness.client.transaction(reference)).captures).toHaveLength(1);
  });

  it("answers 409 for authorize too, and the first request still pays", async () => {
    const tokens = await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"));
    const body = recharge(harness);
    const orderReference = String((body.cart as Json).order_reference);
    const headers = { ...bearer(harness, tokens.access_token), "Idempotency-Key": randomUUID() };
    const pay = () => call(`${harness.url}/v1/merchant/transactions/authorize`, { json: body, headers });
    await harness.client.addFault({ path: "/v1/merchant/transactions/authorize", latencyMs: 400, times: 1 });
    const first = pay();
    await sleep(100);
    const during = await pay();
    expectRefused(during, 409, 409);
    expect(during.headers.get("idempotent-retriable")).toBe("true");
    expect((await first).status).toBe(200);
    const after = await pay();
    expect([after.status, after.headers.get("idempotent-replayed")]).toEqual([200, "true"]);
    expect(await harness.client.orders({ orderReference })).toHaveLength(1);
  });
});

async function orderReferenceOf(reference: string): Promise<string> {
  return String((await harness.client.transaction(reference)).order_reference);
}
