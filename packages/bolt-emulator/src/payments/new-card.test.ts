import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_CARD_NUMBERS } from "./test-cards";
import {
  bearer,
  call,
  credentials,
  emulatorForFile,
  newCardPayment,
  seededCode,
  type Json,
} from "../test-client/vitest-harness";

const harness = emulatorForFile();

const AUTHORIZE = "/v1/merchant/transactions/authorize";

/** A guest payment: the API key only, no bearer. */
const asGuest = (body: Json, headers: Record<string, string> = {}) =>
  call(`${harness.url}${AUTHORIZE}`, { json: body, headers: { "X-API-Key": credentials(harness).apiKey, ...headers } });

const asShopper = (accessToken: string, body: Json) =>
  call(`${harness.url}${AUTHORIZE}`, { json: body, headers: bearer(harness, accessToken) });

const uniqueEmail = () => `guest-${randomUUID().slice(0, 8)}@example.test`;

/** A guest paying with a fresh token for `number`, as `email`. */
async function guestPayment(email: string, overrides: Json = {}, number: string = TEST_CARD_NUMBERS.approves) {
  const token = await harness.client.tokenizeCard({ number });
  return newCardPayment(harness, token, {
    user_identifier: { email, phone: "+15125550123" },
    ...overrides,
  });
}

describe("POST /v1/merchant/transactions/authorize with a new card", () => {
  it("lets a guest pay with the API key alone, and creates no account unless asked", async () => {
    const email = uniqueEmail();
    const answer = await asGuest(await guestPayment(email));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({
      did_create_bolt_account: false,
      order_number: expect.any(String),
      transaction: {
        status: "authorized",
        amount: { amount: 4200 },
        from_credit_card: { last4: "1004", network: "visa" },
        authorization: { status: "succeeded" },
      },
    });
    expect(await harness.client.orders(email)).toHaveLength(1);
    expect(await harness.client.accountExists(email)).toBe(false);
  });

  it("creates a Bolt account with the shipping address and the card saved, ready for the one-time code", async () => {
    const email = uniqueEmail();
    const answer = await asGuest(await guestPayment(email, { create_bolt_account: true }));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.did_create_bolt_account).toBe(true);
    expect(await harness.client.accountExists(email)).toBe(true);

    const tokens = await harness.client.exchangeCode(await seededCode(harness, email));
    const account = await harness.client.account(tokens.access_token);
    expect(account.profile).toMatchObject({ email, first_name: "Nora", last_name: "Guest", phone: "+15125550123" });
    expect(account.addresses).toEqual([
      expect.objectContaining({ street_address1: "12 Guest Lane", locality: "Austin", default: true }),
    ]);
    expect(account.payment_methods).toEqual([expect.objectContaining({ last4: "1004", default: true })]);
  });

  it("needs a mobile phone to create an account, and then spends nothing", async () => {
    const email = uniqueEmail();
    const body = await guestPayment(email, { create_bolt_account: true, user_identifier: { email } });
    const answer = await asGuest(body);
    expect(answer.status).toBe(422);
    expect(JSON.stringify(answer.body)).toContain("user_identifier.phone");
    // The token was not spent: the same request with a phone goes through.
    const fixed = await asGuest({ ...body, user_identifier: { email, phone: "+15125550123" } });
    expect(fixed.status, fixed.text).toBe(200);
  });

  it("creates no second account for an email Bolt already knows", async () => {
    const answer = await asGuest(await guestPayment("bob@example.com", { create_bolt_account: true }));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.did_create_bolt_account).toBe(false);
  });

  it("refuses a spent token with the documented 422 and charges nothing", async () => {
    const email = uniqueEmail();
    const first = await guestPayment(email);
    expect((await asGuest(first)).status).toBe(200);
    const again = await asGuest({ ...first, cart: { ...(first.cart as Json), order_reference: randomUUID() } });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ result: { success: false }, errors: [{ code: 2001103 }] });
    expect(await harness.client.orders(email)).toHaveLength(1);
  });

  it("refuses an unknown token the same way", async () => {
    const email = uniqueEmail();
    const body = await guestPayment(email, { credit_card: { token: "f".repeat(64) } });
    const answer = await asGuest(body);
    expect(answer.body).toMatchObject({ errors: [{ code: 2001103 }] });
    expect(await harness.client.orders(email)).toHaveLength(0);
  });

  it("declines the always-declining card and reports a failed CVV check apart", async () => {
    const email = uniqueEmail();
    const declined = await asGuest(await guestPayment(email, {}, TEST_CARD_NUMBERS.declines));
    expect(declined.status).toBe(422);
    expect(declined.body).toMatchObject({ errors: [{ code: 2001101 }] });
    const cvv = await asGuest(await guestPayment(email, {}, TEST_CARD_NUMBERS.failsCvvCheck));
    expect(cvv.status).toBe(422);
    expect(cvv.body).toMatchObject({ errors: [{ code: 2001104, message: expect.stringContaining("CVV") }] });
    expect(await harness.client.orders(email)).toHaveLength(0);
  });

  it("refuses card details that are not the token's", async () => {
    const email = uniqueEmail();
    const wrongLast4 = await asGuest(await guestPayment(email, { credit_card: { last4: "4242" } }));
    expect(wrongLast4.status).toBe(422);
    const wrongExpiry = await asGuest(await guestPayment(email, { credit_card: { expiration: "2040-01" } }));
    expect(wrongExpiry.status).toBe(422);
    expect(await harness.client.orders(email)).toHaveLength(0);
  });

  it("wants a guest's email", async () => {
    const body = await guestPayment(uniqueEmail());
    const answer = await asGuest({ ...body, user_identifier: { phone: "+15125550123" } });
    expect(answer.status).toBe(422);
    expect(JSON.stringify(answer.body)).toContain("user_identifier.email");
  });

  it("answers a repeated Idempotency-Key with the first result before it looks at the spent token", async () => {
    const email = uniqueEmail();
    const body = await guestPayment(email);
    const key = randomUUID();
    const first = await asGuest(body, { "Idempotency-Key": key });
    const second = await asGuest(body, { "Idempotency-Key": key });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await harness.client.orders(email)).toHaveLength(1);
  });

  it("refuses the same Idempotency-Key with another body and charges nothing", async () => {
    const email = uniqueEmail();
    const key = randomUUID();
    expect((await asGuest(await guestPayment(email), { "Idempotency-Key": key })).status).toBe(200);
    const other = await guestPayment(email);
    const answer = await asGuest(other, { "Idempotency-Key": key });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ errors: [{ code: 2001409 }] });
    expect(await harness.client.orders(email)).toHaveLength(1);
    // Refused before it was looked at: the other request's token is still good.
    expect((await asGuest(other)).status).toBe(200);
  });

  it("saves a signed-in shopper's new card unless told not to", async () => {
    const shopper = await harness.client.signedInShopper();
    const token = shopper.tokens.access_token;
    const pay = async (save?: boolean) => {
      const field = await harness.client.tokenizeCard();
      const card = save === undefined ? {} : { save };
      return asShopper(
        token,
        newCardPayment(harness, field, { credit_card: card, user_identifier: { phone: "+15125550123" } }),
      );
    };
    const once = await pay(false);
    expect(once.status, once.text).toBe(200);
    expect((await harness.client.account(token)).payment_methods).toHaveLength(0);
    expect((await pay()).status).toBe(200);
    expect((await harness.client.account(token)).payment_methods).toHaveLength(1);
    expect(await harness.client.orders(shopper.email)).toHaveLength(2);
  });

  it("refuses a signed-in payment whose bearer Bolt does not know", async () => {
    const field = await harness.client.tokenizeCard();
    const answer = await asShopper("not.a-token", newCardPayment(harness, field));
    expect(answer.status).toBe(401);
  });
});

describe("POST /v1/account/payment_methods with a field token", () => {
  it("saves the tokenized card, with the field's expiry", async () => {
    const shopper = await harness.client.signedInShopper();
    const field = await harness.client.tokenizeCard({ number: "5555555555554444" });
    const answer = await call(`${harness.url}/v1/account/payment_methods`, {
      json: {
        token: field.token,
        last4: field.last4,
        bin: field.bin,
        network: field.network,
        expiration: field.expiration,
        postal_code: field.postal_code,
        token_type: "bolt",
        billing_address: (newCardPayment(harness, field).shipping_address as Json) ?? {},
      },
      headers: bearer(harness, shopper.tokens.access_token),
    });
    expect(answer.status, answer.text).toBe(200);
    const [year, month] = field.expiration.split("-").map(Number);
    expect(answer.body).toMatchObject({ last4: "4444", network: "mastercard", exp_year: year, exp_month: month });
  });
});
