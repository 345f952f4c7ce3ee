import { describe, expect, it } from "vitest";
import { admin, call, credentials, emulatorForFile, newCardPayment, type Harness } from "../test-client/vitest-harness";

// Row 2 of go-live §4: Bolt's integrations read tokenize() results without `network`, with a
// `postal_code` only when the field's ZIP option asked for it, and allow for an `Error`.
const profiles = { spec: emulatorForFile(), sandbox: emulatorForFile({ BOLT_EMULATOR_PROFILE: "sandbox" }) };

const fieldPage = (harness: Harness, params: Record<string, string> = {}) =>
  call(
    `${harness.url}/connect/payment-field?${new URLSearchParams({
      origin: "http://localhost:3000",
      key: credentials(harness).publishableKey,
      ...params,
    })}`,
  );

const tokenize = (harness: Harness, body: Record<string, string>) =>
  call(`${harness.url}/connect/tokenize`, {
    json: {
      key: credentials(harness).publishableKey,
      number: "4111111111111004",
      expiration: `${new Date().getUTCFullYear() + 1}-08`,
      cvv: "123",
      ...body,
    },
    headers: { Origin: harness.url },
  });

describe("the spec profile's payment field", () => {
  const harness = profiles.spec;

  it("always shows the billing ZIP input and answers Bolt's documented token, network and postal code included", async () => {
    expect((await fieldPage(harness)).text).toContain('id="postal_code"');
    const token = await harness.client.tokenizeCard({ postalCode: "97201" });
    expect(token).toMatchObject({ network: "visa", postal_code: "97201", bin: "411111", last4: "1004" });
  });

  it("needs the postal code", async () => {
    const answer = await tokenize(harness, {});
    expect(answer.status).toBe(422);
    expect(answer.body.fields).toEqual([{ field: "postal_code", message: "Enter the billing postal code." }]);
  });
});

describe("the sandbox profile's payment field", () => {
  const harness = profiles.sandbox;

  it("shows the billing ZIP input only when the storefront asks for it", async () => {
    expect((await fieldPage(harness)).text).not.toContain('id="postal_code"');
    expect((await fieldPage(harness, { zip: "1" })).text).toContain('id="postal_code"');
  });

  it("answers a token without postal_code and network, and one with the ZIP when the field had it", async () => {
    const lean = await harness.client.tokenizeCardWithoutZip();
    expect(Object.keys(lean).sort()).toEqual(["bin", "expiration", "last4", "token", "token_type"]);
    const zipped = await harness.client.tokenizeCard({ postalCode: "97201" });
    expect(zipped.postal_code).toBe("97201");
    expect(zipped).not.toHaveProperty("network");
    expect((await tokenize(harness, { postal_code: " " })).body.fields).toEqual([
      { field: "postal_code", message: "Enter the billing postal code." },
    ]);
  });

  it("takes a token without a postal code for a payment whose postal code comes from the billing address", async () => {
    const token = await harness.client.tokenizeCardWithoutZip();
    const answer = await call(`${harness.url}/v1/merchant/transactions/authorize`, {
      json: newCardPayment(
        harness,
        { ...token, postal_code: "78701" },
        { user_identifier: { email: "nobody@example.com", phone: "+14155550199" } },
      ),
      headers: { "X-API-Key": credentials(harness).apiKey },
    });
    expect(answer.status).toBe(200);
  });
});

describe.each(["spec", "sandbox"] as const)("tokenize faults in the %s profile", (profile) => {
  const harness = profiles[profile];

  it("fail the next tokenizations as asked, one each, then tokenize again", async () => {
    expect(await harness.client.failNextTokenize("reject")).toBe(1);
    expect(await harness.client.failNextTokenize("error", { message: "Tokenizer down", times: 1 })).toBe(2);
    const first = await tokenize(harness, { postal_code: "94105" });
    expect([first.status, first.body]).toEqual([
      503,
      { type: "tokenization_error", outcome: "reject", message: expect.stringContaining("injected") },
    ]);
    const second = await tokenize(harness, { postal_code: "94105" });
    expect(second.body).toEqual({ type: "tokenization_error", outcome: "error", message: "Tokenizer down" });
    expect((await tokenize(harness, { postal_code: "94105" })).body.token).toEqual(expect.any(String));
  });

  it("can be cleared, and refuse a malformed request", async () => {
    await harness.client.failNextTokenize("reject", { times: 3 });
    await harness.client.clearTokenizeFaults();
    expect((await tokenize(harness, { postal_code: "94105" })).status).toBe(200);
    const bad = await admin(harness, "/tokenize-faults", { json: { outcome: "explode" } });
    expect(bad.status).toBe(400);
  });
});
