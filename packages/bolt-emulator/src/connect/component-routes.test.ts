import { describe, expect, it } from "vitest";
import { TEST_CARD_NUMBERS } from "../payments/test-cards";
import { CardTokenStore, CARD_TOKEN_TTL_MS } from "../store/card-tokens";
import { call, credentials, emulatorForFile, type Json } from "../test-client/vitest-harness";
import { BOLT_TERMS_URL } from "./component-pages";

const harness = emulatorForFile();
const STOREFRONT = "http://localhost:3000";

const pageUrl = (path: string, params: Record<string, string> = {}) =>
  `${harness.url}${path}?${new URLSearchParams({ origin: STOREFRONT, key: credentials(harness).publishableKey, ...params })}`;

const nextYear = () => `${new Date().getUTCFullYear() + 1}-08`;

function card(overrides: Json = {}): Json {
  return {
    key: credentials(harness).publishableKey,
    number: TEST_CARD_NUMBERS.approves,
    expiration: nextYear(),
    cvv: "123",
    postal_code: "94105",
    ...overrides,
  };
}

const tokenize = (body: Json, origin = harness.url) =>
  call(`${harness.url}/connect/tokenize`, { json: body, headers: { Origin: origin } });

describe("GET /connect/payment-field", () => {
  it("is framed only by its storefront and labels card number, expiry, CVV and postal code", async () => {
    const answer = await call(pageUrl("/connect/payment-field"));
    expect(answer.status).toBe(200);
    const csp = String(answer.headers.get("content-security-policy"));
    expect(csp).toContain(`frame-ancestors ${STOREFRONT}`);
    expect(csp).toContain("script-src 'self'");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    for (const [id, label, autocomplete] of [
      ["number", "Card number", "cc-number"],
      ["expiration", "Expiry (MM / YY)", "cc-exp"],
      ["cvv", "Security code (CVV)", "cc-csc"],
      ["postal_code", "Billing postal code", "billing postal-code"],
    ]) {
      expect(answer.text).toContain(`<label for="${id}">${label}</label>`);
      expect(answer.text).toContain(`autocomplete="${autocomplete}"`);
    }
  });

  it("names the three sandbox test cards in its hint", async () => {
    const answer = await call(pageUrl("/connect/payment-field"));
    expect(answer.text).toContain("4111 1111 1111 1004</span> is approved");
    expect(answer.text).toContain("4000 0000 0000 0002</span> is always declined");
    expect(answer.text).toContain("4000 0000 0000 0127</span> fails the bank's CVV check");
  });

  it("refuses an origin it may not be framed by, and explains an unknown key", async () => {
    const foreign = await call(pageUrl("/connect/payment-field", { origin: "https://evil.example" }));
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const wrongKey = await call(pageUrl("/connect/payment-field", { key: "x.y.z" }));
    expect(wrongKey.text).toContain("Unknown publishable key");
    expect(wrongKey.text).not.toContain('id="number"');
  });
});

describe("GET /connect/account-checkbox", () => {
  it("shows Bolt's consent with its terms, ticked or not as the merchant asked", async () => {
    const unticked = await call(pageUrl("/connect/account-checkbox", { checked: "0" }));
    expect(unticked.status).toBe(200);
    expect(unticked.headers.get("content-security-policy")).toContain(`frame-ancestors ${STOREFRONT}`);
    expect(unticked.text).toContain('<input type="checkbox" id="create-account" aria-describedby="consent-terms">');
    expect(unticked.text).toContain(`<a href="${BOLT_TERMS_URL}" target="_blank" rel="noopener noreferrer">`);
    expect(unticked.text).toContain("By checking this box you agree to Bolt's");
    const ticked = await call(pageUrl("/connect/account-checkbox", { checked: "1", version: "expanded" }));
    expect(ticked.text).toContain('id="create-account" checked');
    expect(ticked.text).toContain("pay in one click at any store that uses Bolt");
  });
});

describe("POST /connect/tokenize", () => {
  it("answers Bolt's documented token shape, and never the card number", async () => {
    const answer = await tokenize(card());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      token: expect.stringMatching(/^[0-9a-f]{64}$/),
      bin: "411111",
      last4: "1004",
      expiration: nextYear(),
      network: "visa",
      token_type: "bolt",
      postal_code: "94105",
    });
    expect(answer.text).not.toContain(TEST_CARD_NUMBERS.approves);
  });

  it.each([
    ["a number failing the Luhn check", { number: "4111111111111005" }, "number", "isn't valid"],
    ["a card that is not a sandbox test card", { number: "4242424242424242" }, "number", "use a test card"],
    ["an expiry in the past", { expiration: "2020-01" }, "expiration", "has expired"],
    ["a malformed expiry", { expiration: "13/29" }, "expiration", "MM / YY"],
    ["a 2-digit CVV", { cvv: "12" }, "cvv", "3-digit security code"],
    ["a 3-digit CVV on an Amex", { number: "378282246310005", cvv: "123" }, "cvv", "4-digit security code"],
    ["no postal code", { postal_code: " " }, "postal_code", "postal code"],
  ])("refuses %s with the field and a clear message", async (_name, overrides, field, message) => {
    const answer = await tokenize(card(overrides));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ type: "validation_error", fields: [{ field }] });
    expect(String(answer.body.message)).toContain(message);
  });

  it("names every wrong field at once", async () => {
    const answer = await tokenize(card({ number: "1234", cvv: "", postal_code: "" }));
    expect((answer.body.fields as Json[]).map((problem) => problem.field)).toEqual(["number", "cvv", "postal_code"]);
  });

  it("refuses an unknown publishable key and any page but the field's own", async () => {
    const wrongKey = await tokenize(card({ key: "x.y.z" }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toMatchObject({ type: "tokenization_error" });
    const crossOrigin = await tokenize(card(), STOREFRONT);
    expect(crossOrigin.status).toBe(403);
  });
});

describe("card tokens", () => {
  const details = {
    last4: "1004",
    bin: "411111",
    network: "visa" as const,
    behaviour: "approve" as const,
    publishableKey: "a.b.c",
  };

  it("are single-use", () => {
    const store = new CardTokenStore();
    const { token } = store.mint(details);
    expect(store.consume(token, "a.b.c")?.last4).toBe("1004");
    expect(store.consume(token, "a.b.c")).toBeUndefined();
  });

  it("expire 15 minutes after they are made", () => {
    const store = new CardTokenStore();
    const made = Date.UTC(2030, 0, 1);
    const { token, expiry } = store.mint(details, made);
    expect(expiry - made).toBe(CARD_TOKEN_TTL_MS);
    expect(CARD_TOKEN_TTL_MS).toBe(15 * 60 * 1000);
    expect(store.consume(token, "a.b.c", made + CARD_TOKEN_TTL_MS)).toBeUndefined();
    const fresh = store.mint(details, made);
    expect(store.consume(fresh.token, "a.b.c", made + CARD_TOKEN_TTL_MS - 1)).toBeDefined();
  });

  it("are bound to the publishable key that made them, and another key does not spend them", () => {
    const store = new CardTokenStore();
    const { token } = store.mint(details);
    expect(store.consume(token, "other.merchant.key")).toBeUndefined();
    expect(store.consume(token, "a.b.c")).toBeDefined();
  });
});
