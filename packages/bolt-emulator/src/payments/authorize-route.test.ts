import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SEED_IDS } from "../store/seeds";
import {
  bearer,
  call,
  credentials,
  seededCode,
  emulatorForFile,
  recharge,
  type Json,
} from "../test-client/vitest-harness";
import { DECLINED_TOTAL } from "./authorize-route";

const harness = emulatorForFile();

async function aliceToken(): Promise<string> {
  return (await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"))).access_token;
}

const authorize = (token: string, body: Json, headers: Record<string, string> = {}) =>
  call(`${harness.url}/v1/merchant/transactions/authorize`, {
    json: body,
    headers: { ...bearer(harness, token), ...headers },
  });

describe("POST /v1/merchant/transactions/authorize", () => {
  it("authorizes a saved card and records the order", async () => {
    const body = recharge(harness);
    const answer = await authorize(await aliceToken(), body);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      did_create_bolt_account: false,
      order_number: expect.any(String),
      transaction: {
        status: "authorized",
        type: "cc_payment",
        amount: { amount: 4200, currency: "USD" },
        from_credit_card: { id: SEED_IDS.aliceVisa, last4: "1004", network: "visa" },
        authorization: { status: "succeeded", reason: "none" },
      },
    });
    const transaction = answer.body.transaction as Json;
    expect(String(transaction.reference)).toHaveLength(12);
    expect(typeof transaction.date).toBe("number");
    const orders = await harness.client.orders("alice@example.com");
    expect(orders.filter((order) => order.orderReference === (body.cart as Json).order_reference)).toHaveLength(1);
  });

  it("replays the original answer for the same Idempotency-Key without a second order", async () => {
    const token = await aliceToken();
    const body = recharge(harness);
    const key = randomUUID();
    const first = await authorize(token, body, { "Idempotency-Key": key });
    const second = await authorize(token, body, { "Idempotency-Key": key });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const reference = (body.cart as Json).order_reference;
    expect(
      (await harness.client.orders("alice@example.com")).filter((order) => order.orderReference === reference),
    ).toHaveLength(1);
  });

  it("treats a reordered body as the same request", async () => {
    const token = await aliceToken();
    const body = recharge(harness);
    const key = randomUUID();
    const first = await authorize(token, body, { "Idempotency-Key": key });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await authorize(token, reordered, { "Idempotency-Key": key });
    expect(second.body).toEqual(first.body);
  });

  it("answers 422 for the same Idempotency-Key with a different body", async () => {
    const token = await aliceToken();
    const key = randomUUID();
    await authorize(token, recharge(harness), { "Idempotency-Key": key });
    const answer = await authorize(token, recharge(harness), { "Idempotency-Key": key });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ errors: [{ code: 2001409 }] });
  });

  it("refuses to pay the same order_reference twice", async () => {
    const token = await aliceToken();
    const body = recharge(harness);
    expect((await authorize(token, body)).status).toBe(200);
    expect((await authorize(token, body)).status).toBe(422);
  });

  it("declines the always-declining Discover with 422 and code 2001101", async () => {
    const body = recharge(harness, { credit_card_id: SEED_IDS.aliceDecliningDiscover });
    const answer = await authorize(await aliceToken(), body);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      result: { success: false },
      errors: [{ code: 2001101, message: "The payment was declined by the card issuer." }],
    });
    expect(
      (await harness.client.orders("alice@example.com")).some(
        (order) => order.orderReference === (body.cart as Json).order_reference,
      ),
    ).toBe(false);
  });

  it("declines a total of exactly $666.00 on any card", async () => {
    const answer = await authorize(
      await aliceToken(),
      recharge(harness, {
        cart: {
          total_amount: DECLINED_TOTAL,
          items: [{ reference: "x", name: "x", total_amount: DECLINED_TOTAL, unit_price: DECLINED_TOTAL, quantity: 1 }],
        },
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ errors: [{ code: 2001101 }] });
  });

  it("refuses the expired Amex with code 2001102", async () => {
    const answer = await authorize(
      await aliceToken(),
      recharge(harness, { credit_card_id: SEED_IDS.aliceExpiredAmex }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ errors: [{ code: 2001102, message: "The card has expired." }] });
  });

  it("replays a decline for the same Idempotency-Key", async () => {
    const token = await aliceToken();
    const body = recharge(harness, { credit_card_id: SEED_IDS.aliceDecliningDiscover });
    const key = randomUUID();
    const first = await authorize(token, body, { "Idempotency-Key": key });
    const second = await authorize(token, body, { "Idempotency-Key": key });
    expect(second.status).toBe(422);
    expect(second.body).toEqual(first.body);
  });

  it("lets a view-only (refreshed) token pay", async () => {
    const tokens = await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"));
    const refreshed = await harness.client.refresh(tokens.refresh_token);
    const answer = await authorize(refreshed.access_token, recharge(harness));
    expect(answer.status).toBe(200);
  });

  it.each([
    ["a card of another shopper", { credit_card_id: "card_of_someone_else" }],
    ["a fractional amount", { cart: { total_amount: 42.5 } }],
    ["a negative amount", { cart: { total_amount: -1 } }],
    [
      "a negative item price",
      { cart: { items: [{ reference: "a", name: "a", total_amount: 1, unit_price: -1, quantity: 1 }] } },
    ],
    ["a lower-case currency", { cart: { currency: "usd" } }],
    ["a missing order_reference", { cart: { order_reference: "" } }],
    ["another division", { division_id: "someone-else" }],
    ["another source", { source: "checkout" }],
    ["a missing user_identifier.phone", { user_identifier: { email: "alice@example.com" } }],
  ])("answers 422 for %s", async (_name, overrides) => {
    const answer = await authorize(await aliceToken(), recharge(harness, overrides as Json));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ result: { success: false }, errors: [{ code: 2001005 }] });
  });

  it("answers 401 without a bearer token or with a wrong API key", async () => {
    const noBearer = await call(`${harness.url}/v1/merchant/transactions/authorize`, {
      json: recharge(harness),
      headers: { "X-API-Key": credentials(harness).apiKey },
    });
    expect(noBearer.status).toBe(401);
    const token = await aliceToken();
    const wrongKey = await authorize(token, recharge(harness), { "X-API-Key": "nope-nope" });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toMatchObject({ errors: [{ code: 1005 }] });
  });
});
