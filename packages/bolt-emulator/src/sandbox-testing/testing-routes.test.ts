import { describe, expect, it } from "vitest";
import { bearer, call, credentials, emulatorForFile, type Json } from "../test-client/vitest-harness";

const harness = emulatorForFile({ BOLT_EMULATOR_OTP: "654321" });

const create = (body: unknown, apiKey: string | undefined = credentials(harness).apiKey) =>
  call(`${harness.url}/v1/testing/shopper/create`, { json: body, headers: apiKey ? { "X-API-Key": apiKey } : {} });

describe("POST /v1/testing/shopper/create", () => {
  it("creates a random shopper with the fixed one-time code and a single-use oauth_code", async () => {
    const answer = await create({ email_state: "verified", phone_state: "unverified" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      email: expect.stringMatching(/^shopper-[a-z0-9]+@example\.test$/),
      email_state: "verified",
      phone: expect.stringMatching(/^\+1555\d{7}$/),
      phone_state: "unverified",
      otp_code: "654321",
      oauth_code: expect.stringMatching(/^[\w-]{43}\.[\w-]{43}$/),
      will_deactivate_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    const tokens = await harness.client.exchangeCode(String(answer.body.oauth_code));
    const account = await call(`${harness.url}/v1/account`, { headers: bearer(harness, tokens.access_token) });
    expect(account.body).toMatchObject({ profile: { email: answer.body.email }, addresses: [], payment_methods: [] });
    const exists = await call(
      `${harness.url}/v1/account/exists?email=${encodeURIComponent(String(answer.body.email))}`,
      {
        headers: { "X-Publishable-Key": credentials(harness).publishableKey },
      },
    );
    expect(exists.body.has_bolt_account).toBe(true);
  });

  it("gives one default address with has_address, and honours a chosen email", async () => {
    const answer = await create({ email: "Chosen@Example.test", has_address: true });
    expect(answer.body.email).toBe("chosen@example.test");
    const tokens = await harness.client.exchangeCode(String(answer.body.oauth_code));
    const account = await call(`${harness.url}/v1/account`, { headers: bearer(harness, tokens.access_token) });
    const addresses = account.body.addresses as Json[];
    expect(addresses).toHaveLength(1);
    expect(addresses[0]).toMatchObject({ default: true, country_code: "US", email_address: "chosen@example.test" });
  });

  it("accepts an empty body", async () => {
    const answer = await call(`${harness.url}/v1/testing/shopper/create`, {
      method: "POST",
      headers: { "X-API-Key": credentials(harness).apiKey },
    });
    expect(answer.status).toBe(200);
  });

  it("refuses an email that already has an account, bad input, and a wrong API key", async () => {
    expect((await create({ email: "alice@example.com" })).status).toBe(422);
    expect((await create({ email_state: "maybe" })).status).toBe(422);
    expect((await create({ surprise: true })).status).toBe(422);
    expect((await create({}, "wrong-key")).status).toBe(401);
  });
});

describe("GET /v1/testing/card_token", () => {
  it("returns a 15-minute token for the universal test Visa", async () => {
    const before = Date.now();
    const answer = await call(`${harness.url}/v1/testing/card_token`, {
      headers: { "X-API-Key": credentials(harness).apiKey },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      token: expect.stringMatching(/^[0-9a-f]{64}$/),
      last4: "1004",
      bin: "411111",
      network: "visa",
    });
    const expiry = Number(answer.body.expiry);
    expect(expiry - before).toBeGreaterThanOrEqual(15 * 60 * 1000 - 1000);
    expect(expiry - before).toBeLessThanOrEqual(15 * 60 * 1000 + 1000);
  });

  it("needs the API key", async () => {
    expect((await call(`${harness.url}/v1/testing/card_token`)).status).toBe(401);
  });
});
