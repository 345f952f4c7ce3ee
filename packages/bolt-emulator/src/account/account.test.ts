import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SEED_IDS } from "../store/seeds";
import { bearer, call, credentials, seededCode, emulatorForFile, type Json } from "../test-client/vitest-harness";

const harness = emulatorForFile();

const address = (overrides: Json = {}): Json => ({
  first_name: "Dana",
  last_name: "Tester",
  street_address1: "10 Test Street",
  locality: "Austin",
  region: "TX",
  postal_code: "78701",
  country_code: "US",
  email: "dana@example.test",
  phone: "+15125550100",
  ...overrides,
});

async function manageToken(): Promise<string> {
  return (await harness.client.signedInShopper({})).tokens.access_token;
}

async function viewToken(): Promise<string> {
  const { tokens } = await harness.client.signedInShopper({ has_address: true });
  const refreshed = await harness.client.refresh(tokens.refresh_token);
  return refreshed.access_token;
}

const accountOf = async (token: string) =>
  (await call(`${harness.url}/v1/account`, { headers: bearer(harness, token) })).body;
const addAddress = (token: string, body: Json) =>
  call(`${harness.url}/v1/account/addresses`, { json: body, headers: bearer(harness, token) });

const cardToken = async () => (await harness.client.cardToken()).token;

const addCard = async (token: string, overrides: Json = {}) =>
  call(`${harness.url}/v1/account/payment_methods`, {
    json: {
      token: await cardToken(),
      expiration: `${new Date().getFullYear() + 2}-08`,
      billing_address: address(),
      token_type: "bolt",
      ...overrides,
    },
    headers: bearer(harness, token),
  });

const defaults = (list: unknown) =>
  (list as Array<{ id: string; default: boolean }>).filter((item) => item.default).map((item) => item.id);

describe("GET /v1/account", () => {
  it("returns Alice's profile, addresses and cards in Bolt's response shapes", async () => {
    const tokens = await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"));
    const body = await accountOf(tokens.access_token);
    expect(body.has_bolt_account).toBe(true);
    expect(body.profile).toMatchObject({
      email: "alice@example.com",
      first_name: "Alice",
      last_name: "Shopper",
      name: "Alice Shopper",
      phone: "+14155550101",
    });
    const addresses = body.addresses as Json[];
    expect(addresses).toHaveLength(2);
    expect(addresses[0]).toMatchObject({
      id: SEED_IDS.aliceHome,
      default: true,
      phone_number: "+14155550101",
      email_address: "alice@example.com",
    });
    expect(addresses[0]).not.toHaveProperty("phone");
    const cards = body.payment_methods as Json[];
    expect(cards.map((card) => card.network)).toEqual(["visa", "mastercard", "amex", "discover", "visa"]);
    expect(cards[0]).toMatchObject({
      id: SEED_IDS.aliceVisa,
      type: "card",
      last4: "1004",
      default: true,
      exp_month: 12,
    });
    expect(cards[2]?.exp_year).toBeLessThan(new Date().getFullYear());
  });

  it("always returns empty arrays for a shopper with nothing saved", async () => {
    const tokens = await harness.client.exchangeCode(await seededCode(harness, "carol@example.com"));
    const body = await accountOf(tokens.access_token);
    expect(body.addresses).toEqual([]);
    expect(body.payment_methods).toEqual([]);
  });

  it("lets a view-only token read", async () => {
    expect((await call(`${harness.url}/v1/account`, { headers: bearer(harness, await viewToken()) })).status).toBe(200);
  });
});

describe("authentication", () => {
  it.each([
    ["no bearer", (): Record<string, string> => ({})],
    ["an unknown bearer", () => ({ Authorization: "Bearer not.a-token" })],
    ["a malformed Authorization header", (token: string) => ({ Authorization: `Basic ${token}` })],
  ])("answers 401 for %s", async (_name, authorization) => {
    const token = await manageToken();
    const answer = await call(`${harness.url}/v1/account`, {
      headers: { "X-API-Key": credentials(harness).apiKey, ...authorization(token) },
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ result: { success: false }, errors: [{ code: 1002 }] });
  });

  it.each([
    ["no API key", undefined],
    ["a wrong API key", "wrong-api-key"],
  ])("answers 401 with code 1005 for %s", async (_name, apiKey) => {
    const token = await manageToken();
    const answer = await call(`${harness.url}/v1/account`, {
      headers: { Authorization: `Bearer ${token}`, ...(apiKey ? { "X-API-Key": apiKey } : {}) },
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      result: { success: false },
      errors: [{ code: 1005, message: "Authentication error. Invalid merchant key." }],
    });
  });

  it("answers 401 for a wrong optional X-Publishable-Key", async () => {
    const token = await manageToken();
    const answer = await call(`${harness.url}/v1/account`, {
      headers: { ...bearer(harness, token), "X-Publishable-Key": "x.y.z" },
    });
    expect(answer.status).toBe(401);
  });

  it.each([
    ["PATCH", "/v1/account/profile", { first_name: "Eve" }],
    ["POST", "/v1/account/addresses", address()],
    ["PUT", "/v1/account/addresses/whatever", address()],
    ["DELETE", "/v1/account/addresses/whatever", undefined],
    ["POST", "/v1/account/payment_methods", {}],
    ["DELETE", "/v1/account/payment_methods/whatever", undefined],
  ])("answers 403 when a view-only token calls %s %s", async (method, path, body) => {
    const answer = await call(`${harness.url}${path}`, {
      method,
      json: body,
      headers: bearer(harness, await viewToken()),
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ result: { success: false }, errors: [{ code: 1003 }] });
  });
});

describe("addresses", () => {
  it("makes the first address the default, and moves the default on request", async () => {
    const token = await manageToken();
    const first = await addAddress(token, address());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      default: true,
      phone_number: "+15125550100",
      email_address: "dana@example.test",
      name: "Dana Tester",
    });
    const second = await addAddress(token, address({ street_address1: "20 Test Street" }));
    expect(second.body.default).toBe(false);
    const third = await addAddress(token, address({ street_address1: "30 Test Street", default: true }));
    expect(third.body.default).toBe(true);
    expect(defaults((await accountOf(token)).addresses)).toEqual([third.body.id]);
  });

  it("edits in place (same id) and can take or give up the default", async () => {
    const token = await manageToken();
    const a = await addAddress(token, address());
    const b = await addAddress(token, address({ street_address1: "20 Test Street" }));
    const edited = await call(`${harness.url}/v1/account/addresses/${String(b.body.id)}`, {
      method: "PUT",
      json: address({ street_address1: "21 Test Street", default: true }),
      headers: bearer(harness, token),
    });
    expect(edited.body).toMatchObject({ id: b.body.id, street_address1: "21 Test Street", default: true });
    expect(defaults((await accountOf(token)).addresses)).toEqual([b.body.id]);
    await call(`${harness.url}/v1/account/addresses/${String(b.body.id)}`, {
      method: "PUT",
      json: address({ default: false }),
      headers: bearer(harness, token),
    });
    expect(defaults((await accountOf(token)).addresses)).toEqual([a.body.id]);
  });

  it("keeps a lone address as the default even when asked not to", async () => {
    const token = await manageToken();
    const only = await addAddress(token, address({ default: false }));
    expect(only.body.default).toBe(true);
  });

  it("replaces (POST on an id) under a new id", async () => {
    const token = await manageToken();
    const a = await addAddress(token, address());
    const replaced = await call(`${harness.url}/v1/account/addresses/${String(a.body.id)}`, {
      json: address({ locality: "Dallas" }),
      headers: bearer(harness, token),
    });
    expect(replaced.body.id).not.toBe(a.body.id);
    expect(replaced.body).toMatchObject({ locality: "Dallas", default: true });
  });

  it("promotes another address when the default is deleted; DELETE answers 200 with no body", async () => {
    const token = await manageToken();
    const a = await addAddress(token, address());
    const b = await addAddress(token, address({ street_address1: "20 Test Street" }));
    const deleted = await call(`${harness.url}/v1/account/addresses/${String(a.body.id)}`, {
      method: "DELETE",
      headers: bearer(harness, token),
    });
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe("");
    expect(defaults((await accountOf(token)).addresses)).toEqual([b.body.id]);
  });

  it("answers 404 for an unknown address", async () => {
    const answer = await call(`${harness.url}/v1/account/addresses/nope`, {
      method: "DELETE",
      headers: bearer(harness, await manageToken()),
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ result: { success: false }, errors: [{ code: 2001404 }] });
  });

  it.each([
    ["a missing street", address({ street_address1: undefined })],
    ["a US address without region", address({ region: undefined })],
    ["a bad country code", address({ country_code: "USA" })],
    ["a non-E.164 phone", address({ phone: "555-0100" })],
    ["a response-only field name", address({ phone_number: "+15125550100" })],
  ])("answers 422 for %s", async (_name, body) => {
    const answer = await addAddress(await manageToken(), body);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ result: { success: false }, errors: [{ code: 2001005 }] });
  });

  it("answers 422 for malformed JSON", async () => {
    const answer = await call(`${harness.url}/v1/account/addresses`, {
      body: "{nope",
      headers: { ...bearer(harness, await manageToken()), "Content-Type": "application/json" },
    });
    expect(answer.status).toBe(422);
  });

  it("allows a non-US address without region", async () => {
    const answer = await addAddress(
      await manageToken(),
      address({ region: undefined, country_code: "gb", postal_code: "SW1A 1AA" }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ country_code: "GB", country: "United Kingdom" });
  });
});

describe("profile", () => {
  it("updates first and last name", async () => {
    const token = await manageToken();
    const answer = await call(`${harness.url}/v1/account/profile`, {
      method: "PATCH",
      json: { first_name: "Zed" },
      headers: bearer(harness, token),
    });
    expect(answer.body).toMatchObject({ first_name: "Zed", last_name: "Shopper", name: "Zed Shopper" });
  });
});

describe("payment methods", () => {
  it("saves a tokenized card as saved_credit_card_view; the first card is the default", async () => {
    const token = await manageToken();
    const year = new Date().getFullYear() + 2;
    const answer = await addCard(token, { expiration: `${year}-08` });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      type: "card",
      network: "visa",
      last4: "1004",
      exp_month: 8,
      exp_year: year,
      default: true,
    });
    expect(answer.body.billing_address).toMatchObject({
      street_address1: "10 Test Street",
      phone_number: "+15125550100",
    });
  });

  it("uses a saved address as billing address when billing_address_id is given", async () => {
    const { tokens } = await harness.client.signedInShopper({ has_address: true });
    const account = await accountOf(tokens.access_token);
    const saved = (account.addresses as Json[])[0] as Json;
    const answer = await addCard(tokens.access_token, { billing_address_id: saved.id });
    expect((answer.body.billing_address as Json).id).toBe(saved.id);
  });

  it("moves the default card on request and promotes another when the default is deleted", async () => {
    const token = await manageToken();
    const a = await addCard(token);
    const b = await addCard(token, { default: true });
    expect(defaults((await accountOf(token)).payment_methods)).toEqual([b.body.id]);
    const deleted = await call(`${harness.url}/v1/account/payment_methods/${String(b.body.id)}`, {
      method: "DELETE",
      headers: bearer(harness, token),
    });
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe("");
    expect(defaults((await accountOf(token)).payment_methods)).toEqual([a.body.id]);
  });

  it("refuses a used, unknown or expired card token, and an expired card", async () => {
    const token = await manageToken();
    const cardTokenValue = await cardToken();
    expect((await addCard(token, { token: cardTokenValue })).status).toBe(200);
    expect((await addCard(token, { token: cardTokenValue })).status).toBe(422);
    expect((await addCard(token, { token: "unknown" })).status).toBe(422);
    const expired = await addCard(token, { expiration: "2020-01" });
    expect(expired.status).toBe(422);
    expect(expired.body).toMatchObject({ errors: [{ code: 2001102 }] });
    expect((await addCard(token, { expiration: "2030-13" })).status).toBe(422);
  });

  it("answers 404 when deleting an unknown card", async () => {
    const answer = await call(`${harness.url}/v1/account/payment_methods/nope`, {
      method: "DELETE",
      headers: bearer(harness, await manageToken()),
    });
    expect(answer.status).toBe(404);
  });
});

describe("GET /v1/account/exists", () => {
  const exists = (query: string, key: string | null = credentials(harness).publishableKey) =>
    call(`${harness.url}/v1/account/exists?${query}`, { headers: key ? { "X-Publishable-Key": key } : {} });

  it.each([
    ["email=alice%40example.com", true],
    ["email=ALICE%40Example.com", true],
    ["email=nobody%40example.com", false],
    ["phone=%2B14155550101", true],
    [`sha256_email=${createHash("sha256").update("bob@example.com").digest("hex")}`, true],
  ])("answers %s → %s with CORS for any origin", async (query, expected) => {
    const answer = await exists(query);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ has_bolt_account: expected });
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("answers 422 without an identifier, 401 without the right publishable key", async () => {
    expect((await exists("")).status).toBe(422);
    expect((await exists("email=alice%40example.com", null)).status).toBe(401);
    expect((await exists("email=alice%40example.com", "a.b.c")).status).toBe(401);
  });

  it("answers the CORS preflight", async () => {
    const response = await fetch(`${harness.url}/v1/account/exists?email=a%40b.co`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x-publishable-key",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/X-Publishable-Key/i);
  });
});
