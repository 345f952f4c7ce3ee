import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SANDBOX_CREDENTIALS as sandbox } from "bolt-emulator/test-client";
import { isCardExpired } from "./account";
import {
  addAddress,
  authorizeSavedCard,
  addPaymentMethod,
  authorizeNewCard,
  BoltApiError,
  BoltCardTokenError,
  BoltDeclinedError,
  BoltProcessorError,
  BoltResponseError,
  deleteAddress,
  deletePaymentMethod,
  exchangeAuthorizationCode,
  getAccount,
  getTransaction,
  refreshTokens,
  updateAddress,
  type AuthorizeInput,
  type NewCardAuthorizeInput,
  type SavedAddressInput,
} from "./index";
import { documentedExample, exampleOf, schemaViolations } from "./testing/openapi";
import { stubBoltForFile } from "./testing/stub-bolt";
import { captureLog } from "@/lib/log/testing/capture";

const bolt = stubBoltForFile();
beforeAll(async () => {
  // Read once, as in production (oauth.test.ts covers discovery itself).
  bolt.reply("GET /.well-known/openid-configuration", {
    body: {
      issuer: bolt.url,
      jwks_uri: `${bolt.url}/v1/oauth/jwks.json`,
      token_endpoint: `${bolt.url}/v1/oauth/token`,
    },
  });
  await (await import("./discovery")).getDiscovery();
});
afterEach(() => vi.useRealTimers());

const tokenExamples = documentedExample("/v1/oauth/token", [
  "post",
  "responses",
  "200",
  "content",
  "application/json",
  "examples",
]) as Record<string, { value: Record<string, unknown> }>;
const codeResponse = tokenExamples.authorization_code_response?.value ?? {};
const refreshResponse = tokenExamples.refresh_token_response?.value ?? {};

function form(index = 0): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(bolt.requests[index]?.body));
}

describe("exchangeAuthorizationCode", () => {
  it("posts the grant as Bolt documents it and reshapes the documented answer", async () => {
    bolt.reply("POST /v1/oauth/token", { body: codeResponse });
    const before = Date.now();
    const tokens = await exchangeAuthorizationCode("code_123", "bolt.account.manage openid");
    expect(form()).toEqual({
      grant_type: "authorization_code",
      code: "code_123",
      client_id: sandbox.publishableKey,
      client_secret: sandbox.apiKey,
      scope: "bolt.account.manage openid",
    });
    expect(bolt.requests[0]?.headers).toMatchObject({
      "x-api-key": sandbox.apiKey,
      "x-publishable-key": sandbox.publishableKey,
    });
    expect(tokens).toEqual({
      accessToken: "$ACCESS_TOKEN",
      refreshToken: "$REFRESH_TOKEN",
      idToken: "$ID_TOKEN",
      scope: "bolt.account.manage",
      refreshTokenScope: "bolt.account.view",
      expiresAt: expect.any(Number),
    });
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(tokens.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it.each([
    ["no refresh_token", { refresh_token: undefined }],
    ["expires_in as a string", { expires_in: "3600" }],
    ["refresh_token null", { refresh_token: null }],
    ["no access_token", { access_token: undefined }],
    ["an access_token with CR/LF (header injection)", { access_token: "abc\r\nX-Evil: 1" }],
    ["a token_type other than bearer", { token_type: "mac" }],
  ])("refuses an answer with %s", async (_name, change) => {
    bolt.reply("POST /v1/oauth/token", { body: { ...codeResponse, ...change } });
    await expect(exchangeAuthorizationCode("c", "openid")).rejects.toBeInstanceOf(BoltResponseError);
  });

  it.each([
    ["access_token", { access_token: undefined }],
    ["expires_in", { expires_in: undefined }],
    ["refresh_token", { refresh_token: undefined }],
    ["id_token", { id_token: undefined }],
  ])("names the missing %s with a typed error", async (field, change) => {
    bolt.reply("POST /v1/oauth/token", { body: { ...codeResponse, ...change } });
    await expect(exchangeAuthorizationCode("c", "openid")).rejects.toMatchObject({
      name: "BoltMissingFieldError",
      field,
      message: `exchangeAuthorizationCode: Bolt's answer has no ${field}`,
    });
  });

  it("accepts an answer without token_type (the spec makes it optional; Bolt says it is always bearer)", async () => {
    bolt.reply("POST /v1/oauth/token", { body: { ...codeResponse, token_type: undefined } });
    await expect(exchangeAuthorizationCode("c", "openid")).resolves.toMatchObject({ accessToken: "$ACCESS_TOKEN" });
  });

  it.each([["null"], ["[]"], ["42"]])("refuses a 200 whose body is %s", async (body) => {
    bolt.reply("POST /v1/oauth/token", { body, headers: { "Content-Type": "application/json" } });
    await expect(exchangeAuthorizationCode("c", "openid")).rejects.toBeInstanceOf(BoltResponseError);
  });
});

describe("refreshTokens", () => {
  it("sends the refresh grant and keeps Bolt's narrowed scope", async () => {
    bolt.reply("POST /v1/oauth/token", { body: refreshResponse });
    const tokens = await refreshTokens("rt_1", "bolt.account.view");
    expect(form()).toMatchObject({ grant_type: "refresh_token", refresh_token: "rt_1", scope: "bolt.account.view" });
    expect(tokens).toMatchObject({
      accessToken: "$NEW_ACCESS_TOKEN",
      refreshToken: "$NEW_REFRESH_TOKEN",
      scope: "bolt.account.view",
    });
    expect(tokens.idToken).toBeUndefined();
  });

  it("leaves refreshToken undefined when Bolt does not rotate it, and falls back to the asked scope", async () => {
    bolt.reply("POST /v1/oauth/token", { body: { access_token: "at", token_type: "Bearer", expires_in: 60 } });
    await expect(refreshTokens("rt_1", "bolt.account.view")).resolves.toMatchObject({
      refreshToken: undefined,
      scope: "bolt.account.view",
    });
  });

  it("normalises a '+'-joined scope", async () => {
    bolt.reply("POST /v1/oauth/token", { body: { ...refreshResponse, scope: "bolt.account.view+openid" } });
    await expect(refreshTokens("rt", "x")).resolves.toMatchObject({ scope: "bolt.account.view openid" });
  });
});

describe("getAccount", () => {
  it("reshapes Bolt's documented account into the app's types, dropping PayPal", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2024, 10, 15) });
    bolt.reply("GET /v1/account", { body: exampleOf("account_details") });
    const account = await getAccount("at_1");
    expect(bolt.requests[0]?.headers.authorization).toBe("Bearer at_1");
    expect(account).toEqual({
      profile: { email: "alan.watts@example.com", firstName: "Alan", lastName: "Watts", phone: "+12125550199" },
      addresses: [
        {
          id: "id-example",
          firstName: "Alan",
          lastName: "Watts",
          company: "Bolt",
          street1: "888 main street",
          street2: "apt 3021",
          locality: "Brooklyn",
          region: "NY",
          regionCode: "NY",
          postalCode: "10044",
          countryCode: "US",
          phone: "+12125550199",
          isDefault: true,
        },
      ],
      cards: [
        {
          id: "id-example",
          network: "visa",
          last4: "4021",
          expMonth: 11,
          expYear: 2024,
          isDefault: true,
          isExpired: false,
          billingPostalCode: "10044",
        },
      ],
    });
    expect(JSON.stringify(account)).not.toMatch(/street_address|phone_number|exp_month/);
  });

  it("keeps the readable entries when one is malformed, and reads an unknown network as unknown", async () => {
    const wire = exampleOf("account_details") as { addresses: object[]; payment_methods: object[] };
    const [card] = wire.payment_methods as Record<string, unknown>[];
    wire.addresses.push({ id: "broken" });
    wire.payment_methods.push({ ...card, id: "odd", network: "martiancard" }, { ...card, id: "bad", last4: "12" });
    bolt.reply("GET /v1/account", { body: wire });
    captureLog();
    const account = await getAccount("at");
    expect(account.addresses.map((address) => address.id)).toEqual(["id-example"]);
    expect(account.cards.map((saved) => [saved.id, saved.network])).toEqual([
      ["id-example", "visa"],
      ["odd", "unknown"],
    ]);
  });

  it("refuses an account without a profile email, naming it", async () => {
    bolt.reply("GET /v1/account", { body: { profile: { first_name: "Alan" }, addresses: [], payment_methods: [] } });
    await expect(getAccount("at")).rejects.toMatchObject({ name: "BoltMissingFieldError", field: "profile.email" });
    bolt.reply("GET /v1/account", { body: { addresses: [], payment_methods: [] } });
    await expect(getAccount("at")).rejects.toBeInstanceOf(BoltResponseError);
  });

  it("reads a saved card and address in the shape Bolt's sandbox was recorded answering", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 0, 15) });
    const billing = {
      id: "AAecNe4HcX5WG",
      street_address1: "10 Lovely Street",
      street_address2: "Northwest",
      locality: "Herndon",
      region: "VA",
      region_code: "VA",
      postal_code: "20170",
      country_code: "US",
      name: "John Von Doe",
      first_name: "John",
      last_name: "Von Doe",
      phone_number: "555-555-0199",
      email_address: "john@example.com",
    };
    const card = { id: "CAeHu5S7Yjyek", type: "card", last4: "1004", billing_address: billing, network: "visa" };
    bolt.reply("GET /v1/account", {
      body: {
        profile: {
          first_name: "John",
          last_name: "Von Doe",
          email: "john@example.com",
          phone: "+15555550199",
          name: "J",
        },
        addresses: [{ ...billing, default: true }],
        payment_methods: [{ ...card, default: false, exp_month: 5, exp_year: 2027 }],
        has_bolt_account: true,
      },
    });
    const account = await getAccount("at");
    expect(account.cards).toEqual([
      {
        id: "CAeHu5S7Yjyek",
        network: "visa",
        last4: "1004",
        expMonth: 5,
        expYear: 2027,
        isDefault: false,
        isExpired: false,
        billingPostalCode: "20170",
      },
    ]);
    expect(account.addresses).toEqual([
      expect.objectContaining({ id: "AAecNe4HcX5WG", street1: "10 Lovely Street", phone: "555-555-0199" }),
    ]);
  });
});

describe("isCardExpired", () => {
  const now = new Date(Date.UTC(2026, 4, 20));
  it.each([
    [4, 2026, true],
    [5, 2026, false],
    [6, 2026, false],
    [12, 2025, true],
    [1, 2027, false],
  ])("month %i of %i is expired: %s", (month, year, expired) => {
    expect(isCardExpired(month, year, now)).toBe(expired);
  });
});

const address: SavedAddressInput = {
  firstName: "Alan",
  lastName: "Watts",
  street1: "888 main street",
  locality: "Brooklyn",
  region: "NY",
  postalCode: "10044",
  countryCode: "US",
  phone: "+1 (212) 555-0199",
  email: "alan.watts@example.com",
  isDefault: true,
};

describe("address book calls", () => {
  const saved = (exampleOf("account_details") as { addresses: unknown[] }).addresses[0];

  it("adds an address with a body that conforms to Bolt's address_account schema", async () => {
    bolt.reply("POST /v1/account/addresses", { body: saved });
    await expect(addAddress("at", address)).resolves.toMatchObject({ id: "id-example", isDefault: true });
    const body = JSON.parse(bolt.requests[0]?.body ?? "") as Record<string, unknown>;
    expect(schemaViolations("address_account", body)).toEqual([]);
    expect(body).toMatchObject({ street_address1: "888 main street", phone: "+12125550199", default: true });
    expect(body).not.toHaveProperty("is_default");
  });

  it("updates with PUT on the address id, and deletes", async () => {
    bolt.reply("PUT /v1/account/addresses/AbC123", { body: saved });
    bolt.reply("DELETE /v1/account/addresses/AbC123", { body: "" });
    bolt.reply("DELETE /v1/account/payment_methods/Card_9", { body: "" });
    await updateAddress("at", "AbC123", address);
    await deleteAddress("at", "AbC123");
    await deletePaymentMethod("at", "Card_9");
    expect(bolt.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "PUT /v1/account/addresses/AbC123",
      "DELETE /v1/account/addresses/AbC123",
      "DELETE /v1/account/payment_methods/Card_9",
    ]);
  });

  it.each(["..", "a/b", "", "x y", "%2e%2e"])("refuses the id %j without calling Bolt", async (id) => {
    await expect(deleteAddress("at", id)).rejects.toMatchObject({ name: "BoltApiError", status: 404 });
    expect(bolt.requests).toHaveLength(0);
  });
});

describe("authorizeSavedCard", () => {
  const input: AuthorizeInput = {
    cardId: "card_1",
    idempotencyKey: "attempt-1",
    cart: {
      orderReference: "order-1",
      currency: "USD",
      totalAmount: 5000,
      taxAmount: 300,
      shippingAmount: 500,
      items: [{ reference: "sku-1", name: "Tote", unitPrice: 2100, quantity: 2, totalAmount: 4200 }],
      shippingAddress: { ...address, email: undefined },
    },
    user: { email: "alan.watts@example.com", phone: "+12125550199", firstName: "Alan", lastName: "Watts" },
  };

  it("sends a body that conforms to Bolt's recharge schema, with the division and idempotency key", async () => {
    bolt.reply("POST /v1/merchant/transactions/authorize", { body: exampleOf("i_authorize_result_view") });
    const result = await authorizeSavedCard("at", input);
    const request = bolt.requests[0];
    const body = JSON.parse(request?.body ?? "") as Record<string, unknown>;
    expect(schemaViolations("merchant_credit_card_authorization_recharge", body)).toEqual([]);
    expect(body).toMatchObject({
      credit_card_id: "card_1",
      division_id: sandbox.divisionId,
      source: "direct_payments",
      cart: { order_reference: "order-1", total_amount: 5000, tax_amount: 300, shipments: [{ cost: 500 }] },
      shipping_address: { email: "alan.watts@example.com" },
    });
    expect(request?.headers).toMatchObject({ "idempotency-key": "attempt-1", authorization: "Bearer at" });
    expect(result).toEqual({
      orderId: "order_number-example",
      status: "placed",
      transactionReference: "LBLJ-TWW7-R9VC",
      amount: 754,
      last4: expect.any(String),
      network: expect.any(String),
      // The documented example answers did_create_bolt_account: true.
      accountCreated: true,
    });
  });

  /** The answer Bolt's sandbox was recorded giving: no order_number, a dashed reference, `pending` yet succeeded. */
  const sandboxAnswer = {
    transaction: {
      id: "TAx1y2z3w4v5u",
      type: "cc_payment",
      processor: "vantiv",
      date: 1_651_236_972_387,
      reference: "4HYC-GXT8-RRC7",
      status: "pending",
      from_credit_card: { id: "CAa1b2c3d4e5f", last4: "1004", bin: "411111", expiration: 1_680_307_200_000 },
      amount: { amount: 5000, currency: "USD", currency_symbol: "$" },
      authorization: { auth: "8398890821", reason: "none", status: "succeeded" },
      captures: null,
      splits: [{ amount: { amount: 5000, currency: "USD", currency_symbol: "$" }, type: "net" }],
      review_ticket: { request_deadline: 1_651_524_972_387 },
    },
    did_create_bolt_account: false,
  };

  it("places the order Bolt's sandbox answers without an order_number, known by its 14-character reference", async () => {
    bolt.reply("POST /v1/merchant/transactions/authorize", { body: sandboxAnswer });
    await expect(authorizeSavedCard("at", input)).resolves.toEqual({
      orderId: "4HYC-GXT8-RRC7",
      status: "placed",
      transactionReference: "4HYC-GXT8-RRC7",
      amount: 5000,
      last4: "1004",
      network: undefined,
      accountCreated: false,
    });
  });

  it.each([
    ["Bolt's risk review flag", { risk_review_status: "needs_review" }],
    ["a reversible rejection, without a card answer", { status: "rejected_reversible", authorization: undefined }],
    ["no card answer and a pending status", { status: "pending", authorization: undefined }],
  ])("shows a transaction held by %s as in review, not as a failure", async (_name, change) => {
    const body = { ...sandboxAnswer, transaction: { ...sandboxAnswer.transaction, ...change } };
    bolt.reply("POST /v1/merchant/transactions/authorize", { body });
    await expect(authorizeSavedCard("at", input)).resolves.toMatchObject({ status: "in_review" });
  });

  it.each([
    ["a declined card answer", { authorization: { status: "declined", reason: "invalid_cvv" } }, "invalid_cvv"],
    ["a failed transaction, without a card answer", { status: "failed", authorization: undefined }, "failed"],
  ])("reads a 2xx with %s as a decline", async (_name, change, reason) => {
    const body = { ...sandboxAnswer, transaction: { ...sandboxAnswer.transaction, ...change } };
    bolt.reply("POST /v1/merchant/transactions/authorize", { body });
    const error: unknown = await authorizeSavedCard("at", input).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BoltDeclinedError);
    expect(error).toMatchObject({ status: 200, boltCode: reason });
  });

  it("reads a 2xx whose card answer is `error` as the processor's refusal, with its own type", async () => {
    const authorization = { status: "error", reason: "processing_error" };
    const body = { ...sandboxAnswer, transaction: { ...sandboxAnswer.transaction, authorization } };
    bolt.reply("POST /v1/merchant/transactions/authorize", { body });
    const error: unknown = await authorizeSavedCard("at", input).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BoltProcessorError);
    expect(error).toMatchObject({ status: 200, boltCode: "processing_error" });
  });

  it("uses the order_number when Bolt sends one, and accepts a reference of any length", async () => {
    const reference = "R".repeat(40);
    const body = { order_number: "1234567890", transaction: { ...sandboxAnswer.transaction, reference } };
    bolt.reply("POST /v1/merchant/transactions/authorize", { body });
    await expect(authorizeSavedCard("at", input)).resolves.toMatchObject({
      orderId: "1234567890",
      transactionReference: reference,
    });
  });

  it("falls back to the reference when order_number is empty", async () => {
    bolt.reply("POST /v1/merchant/transactions/authorize", { body: { ...sandboxAnswer, order_number: "" } });
    await expect(authorizeSavedCard("at", input)).resolves.toMatchObject({ orderId: "4HYC-GXT8-RRC7" });
  });

  it("refuses a 2xx that names the order neither way, with a typed error", async () => {
    const body = { transaction: { ...sandboxAnswer.transaction, reference: undefined } };
    bolt.reply("POST /v1/merchant/transactions/authorize", { body });
    await expect(authorizeSavedCard("at", input)).rejects.toMatchObject({
      name: "BoltMissingFieldError",
      field: "order_number or transaction.reference",
    });
  });

  it.each([
    [2001101, BoltDeclinedError],
    [2001102, BoltDeclinedError],
    [2001104, BoltDeclinedError],
    [2001103, BoltCardTokenError],
    [2001005, BoltApiError],
  ])("maps a 422 with code %i to %O, never retrying", async (code, type) => {
    bolt.reply("POST /v1/merchant/transactions/authorize", {
      status: 422,
      body: { result: { success: false }, errors: [{ code, message: "no" }] },
    });
    const error: unknown = await authorizeSavedCard("at", input).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status: 422, boltCode: code });
    expect(bolt.requests).toHaveLength(1);
  });
});

describe("authorizeNewCard", () => {
  const shipping = { ...address, email: "nora@example.test" };
  const input: NewCardAuthorizeInput = {
    card: { token: "tok_1", bin: "411111", last4: "1004", expiration: "2031-08", network: "visa", postalCode: "97201" },
    billingAddress: shipping,
    cart: {
      orderReference: "order-2",
      currency: "USD",
      totalAmount: 3724,
      taxAmount: 224,
      shippingAmount: 700,
      items: [{ reference: "lh-mug", name: "Mug", unitPrice: 2800, quantity: 1, totalAmount: 2800 }],
      shippingAddress: shipping,
    },
    user: { email: "nora@example.test", phone: "+1 (503) 555-0123", firstName: "Nora", lastName: "Guest" },
    createAccount: true,
    save: false,
    idempotencyKey: "attempt-2",
  };

  it("pays as a guest with the API key alone, in a body that conforms to Bolt's new-card schema", async () => {
    bolt.reply("POST /v1/merchant/transactions/authorize", {
      body: { ...(exampleOf("i_authorize_result_view") as object), did_create_bolt_account: true },
    });
    const result = await authorizeNewCard(undefined, input);
    const request = bolt.requests[0];
    const body = JSON.parse(request?.body ?? "") as Record<string, unknown>;
    expect(schemaViolations("merchant_credit_card_authorization", body)).toEqual([]);
    expect(body).toMatchObject({
      create_bolt_account: true,
      credit_card: { token: "tok_1", last4: "1004", bin: "411111", expiration: "2031-08", token_type: "bolt" },
      user_identifier: { email: "nora@example.test", phone: "+15035550123" },
      division_id: sandbox.divisionId,
    });
    expect(body.credit_card).not.toHaveProperty("save");
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers).toMatchObject({ "idempotency-key": "attempt-2", "x-api-key": sandbox.apiKey });
    expect(result.accountCreated).toBe(true);
  });

  it("pays signed in with the bearer, never asks for an account then, and says whether to keep the card", async () => {
    bolt.reply("POST /v1/merchant/transactions/authorize", { body: exampleOf("i_authorize_result_view") });
    await authorizeNewCard("at", input);
    const request = bolt.requests[0];
    const body = JSON.parse(request?.body ?? "") as Record<string, unknown>;
    expect(schemaViolations("merchant_credit_card_authorization", body)).toEqual([]);
    expect(request?.headers.authorization).toBe("Bearer at");
    expect(body).toMatchObject({ create_bolt_account: false, credit_card: { save: false } });
  });

  it("sends the billing address's ZIP when Bolt's field gave none, as Bolt's Salesforce cartridge does", async () => {
    bolt.reply("POST /v1/merchant/transactions/authorize", { body: exampleOf("i_authorize_result_view") });
    const lean = { token: "tok_2", last4: "1004", expiration: "2031-08", network: "unknown" } as const;
    await authorizeNewCard(undefined, { ...input, card: lean, billingAddress: { ...shipping, postalCode: "97209" } });
    const body = JSON.parse(bolt.requests[0]?.body ?? "") as { credit_card: Record<string, unknown> };
    expect(body.credit_card).toMatchObject({ token: "tok_2", postal_code: "97209" });
    expect(body.credit_card).not.toHaveProperty("bin");
    expect(body.credit_card).not.toHaveProperty("network");
  });

  it("reads a failed CVV check as a decline of its own kind", async () => {
    bolt.reply("POST /v1/merchant/transactions/authorize", {
      status: 422,
      body: { result: { success: false }, errors: [{ code: 2001104, message: "CVV" }] },
    });
    const error: unknown = await authorizeNewCard(undefined, input).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BoltDeclinedError);
    expect((error as BoltDeclinedError).reason).toBe("security_code");
  });
});

describe("addPaymentMethod", () => {
  it("adds the field's token to the wallet, billed to a saved address, as Bolt's spec describes", async () => {
    bolt.reply("POST /v1/account/payment_methods", {
      body: { id: "CA1", type: "card", network: "visa", last4: "1004", exp_month: 8, exp_year: 2031, default: false },
    });
    const card = await addPaymentMethod("at", {
      card: {
        token: "tok_1",
        bin: "411111",
        last4: "1004",
        expiration: "2031-08",
        network: "visa",
        postalCode: "97201",
      },
      billingAddress: { ...address, id: "addr_1", isDefault: true },
      email: "nora@example.test",
    });
    const body = JSON.parse(bolt.requests[0]?.body ?? "") as Record<string, unknown>;
    expect(schemaViolations("payment_method_account", body)).toEqual([]);
    expect(body).toMatchObject({ token: "tok_1", billing_address_id: "addr_1", expiration: "2031-08" });
    expect(bolt.requests[0]?.headers.authorization).toBe("Bearer at");
    expect(card).toMatchObject({ id: "CA1", last4: "1004", expMonth: 8, expYear: 2031 });
  });
});

describe("getTransaction: the answer the reconciler reads back", () => {
  const view = {
    reference: "4HYC-GXT8-RRC7",
    status: "authorized",
    amount: { amount: 3724, currency: "USD" },
    authorization: { status: "succeeded", reason: "none" },
  };

  it("reads the transaction by its reference with the API key alone", async () => {
    bolt.reply("GET /v1/merchant/transactions/4HYC-GXT8-RRC7", { body: view });
    await expect(getTransaction("4HYC-GXT8-RRC7")).resolves.toMatchObject({
      reference: "4HYC-GXT8-RRC7",
      state: "authorized",
    });
    expect(bolt.requests[0]?.headers["x-api-key"]).toBe(sandbox.apiKey);
    expect(bolt.requests[0]?.headers.authorization).toBeUndefined();
  });

  it.each([
    ["held for review", { status: "pending", risk_review_status: "needs_review", authorization: null }, "in_review"],
    ["paid but held for review", { risk_review_status: "needs_review" }, "in_review"],
    ["declined by the card", { status: "failed", authorization: { status: "declined" } }, "declined"],
    ["failed by the processor", { status: "failed", authorization: { status: "error" } }, "declined"],
    ["still being worked on", { status: "in_progress", authorization: null }, "unknown"],
    ["created, nothing decided", { status: "created", authorization: null }, "unknown"],
  ])("reads a transaction %s", async (_name, change, state) => {
    bolt.reply("GET /v1/merchant/transactions/4HYC-GXT8-RRC7", { body: { ...view, ...change } });
    await expect(getTransaction("4HYC-GXT8-RRC7")).resolves.toMatchObject({ state });
  });

  it("refuses an answer that names no transaction", async () => {
    bolt.reply("GET /v1/merchant/transactions/4HYC-GXT8-RRC7", { body: { ...view, reference: null } });
    await expect(getTransaction("4HYC-GXT8-RRC7")).rejects.toMatchObject({ name: "BoltResponseError" });
  });
});
