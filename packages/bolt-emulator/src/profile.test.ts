import { describe, expect, it } from "vitest";
import { conformanceErrors, responseSchemaRef } from "./conformance/openapi";
import { REVIEW_TOTAL } from "./payments/authorize-route";
import { SEED_IDS } from "./store/seeds";
import {
  bearer,
  call,
  credentials,
  emulatorForFile,
  newCardPayment,
  postToken,
  recharge,
  seededCode,
  type Harness,
  type Json,
} from "./test-client/vitest-harness";

// The two profiles side by side: `spec` answers as Bolt's v1 document says, `sandbox` in the
// shapes Bolt's real sandbox was recorded giving. Everything else is the same emulator.
const profiles = { spec: emulatorForFile(), sandbox: emulatorForFile({ BOLT_EMULATOR_PROFILE: "sandbox" }) };

async function authorize(harness: Harness, body: Json) {
  const { access_token } = await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"));
  return call(`${harness.url}/v1/merchant/transactions/authorize`, {
    json: body,
    headers: bearer(harness, access_token),
  });
}

const transactionOf = (harness: Harness, reference: string, headers = { "X-API-Key": credentials(harness).apiKey }) =>
  call(`${harness.url}/v1/merchant/transactions/${encodeURIComponent(reference)}`, { headers });

describe.each([
  ["spec", 422],
  ["sandbox", 400],
] as const)("the %s profile answers invalid_grant with %i", (profile, status) => {
  const harness = profiles[profile];

  it("for an unknown code and for a reused refresh token alike", async () => {
    const unknown = await postToken(harness, { grant_type: "authorization_code", code: "nope", scope: "openid" });
    expect(unknown.status).toBe(status);
    expect(unknown.body).toMatchObject({ error: "invalid_grant" });
    const shopper = await harness.client.signedInShopper();
    const refresh = {
      grant_type: "refresh_token",
      refresh_token: shopper.tokens.refresh_token,
      scope: "bolt.account.view",
    };
    expect((await postToken(harness, refresh)).status).toBe(200);
    const reused = await postToken(harness, refresh);
    expect([reused.status, reused.body.error]).toEqual([status, "invalid_grant"]);
  });
});

describe.each([
  ["spec", 401, 1002],
  ["sandbox", 403, 18],
] as const)("the %s profile refuses a bad bearer with %i, code %i", (profile, status, code) => {
  const harness = profiles[profile];

  it("on the account API and on authorize, and says a missing scope apart", async () => {
    const badBearer = bearer(harness, "not-a-token");
    for (const answer of [
      await call(`${harness.url}/v1/account`, { headers: badBearer }),
      await call(`${harness.url}/v1/merchant/transactions/authorize`, { json: recharge(harness), headers: badBearer }),
    ]) {
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ result: { success: false }, errors: [{ code }] });
    }
    const shopper = await harness.client.signedInShopper();
    const refreshed = await postToken(harness, {
      grant_type: "refresh_token",
      refresh_token: shopper.tokens.refresh_token,
      scope: "bolt.account.view",
    });
    const viewOnly = bearer(harness, String(refreshed.body.access_token));
    const edit = await call(`${harness.url}/v1/account/addresses/whatever`, { method: "DELETE", headers: viewOnly });
    expect(edit.status).toBe(403);
    expect(edit.body).toMatchObject({ errors: [{ code: 1003, message: expect.stringMatching(/scope/) }] });
  });
});

describe("authorize and the transaction afterwards", () => {
  it("spec: an order_number, a 12-character reference, authorized at once", async () => {
    const harness = profiles.spec;
    const answer = await authorize(harness, recharge(harness));
    expect(answer.status).toBe(200);
    const transaction = answer.body.transaction as Json;
    expect(answer.body.order_number).toMatch(/^\d{10}$/);
    expect(transaction).toMatchObject({ status: "authorized", authorization: { status: "succeeded" } });
    expect(String(transaction.reference)).toMatch(/^[A-Z0-9]{12}$/);
    const later = await transactionOf(harness, String(transaction.reference));
    expect(later.body).toMatchObject({ reference: transaction.reference, status: "authorized" });
  });

  it("sandbox: no order_number, a dashed reference, pending while the authorization succeeded, authorized later", async () => {
    const harness = profiles.sandbox;
    const answer = await authorize(harness, recharge(harness));
    expect(answer.status).toBe(200);
    expect(answer.body).not.toHaveProperty("order_number");
    const transaction = answer.body.transaction as Json;
    expect(transaction).toMatchObject({ status: "pending", authorization: { status: "succeeded", reason: "none" } });
    expect(String(transaction.reference)).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const later = await transactionOf(harness, String(transaction.reference));
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ reference: transaction.reference, status: "authorized" });
  });

  it.each(["spec", "sandbox"] as const)("%s: a $777.00 order is paid but held for review", async (profile) => {
    const harness = profiles[profile];
    const answer = await authorize(harness, recharge(harness, { cart: { total_amount: REVIEW_TOTAL, items: [] } }));
    const transaction = answer.body.transaction as Json;
    expect(transaction).toMatchObject({
      status: "pending",
      risk_review_status: "needs_review",
      authorization: { status: "succeeded" },
    });
    const later = await transactionOf(harness, String(transaction.reference));
    expect(later.body).toMatchObject({ status: "pending", risk_review_status: "needs_review" });
  });

  it.each(["spec", "sandbox"] as const)("%s: alice's Visa …1881 is paid but held for review", async (profile) => {
    const harness = profiles[profile];
    const answer = await authorize(harness, recharge(harness, { credit_card_id: SEED_IDS.aliceReviewedVisa }));
    expect(answer.status).toBe(200);
    expect(answer.body.transaction).toMatchObject({
      risk_review_status: "needs_review",
      authorization: { status: "succeeded" },
    });
  });

  it.each([
    ["absent", undefined],
    ["empty", ""],
  ])("sandbox accepts a saved-card authorization with the division_id %s; spec refuses it", async (_name, division) => {
    const sandbox = await authorize(profiles.sandbox, recharge(profiles.sandbox, { division_id: division }));
    expect(sandbox.status).toBe(200);
    const spec = await authorize(profiles.spec, recharge(profiles.spec, { division_id: division }));
    expect(spec.status).toBe(422);
    expect(JSON.stringify(spec.body)).toContain("division_id");
  });

  it.each(["spec", "sandbox"] as const)(
    "%s: a guest pays with a new card and gets an account, in the profile's shapes",
    async (profile) => {
      const harness = profiles[profile];
      const email = `guest-${profile}-${Date.now()}@example.test`;
      const token = await harness.client.tokenizeCard();
      const body = newCardPayment(harness, token, {
        create_bolt_account: true,
        user_identifier: { email, phone: "+15125550123" },
        ...(profile === "sandbox" ? { division_id: undefined } : {}),
      });
      const answer = await call(`${harness.url}/v1/merchant/transactions/authorize`, {
        json: body,
        headers: { "X-API-Key": credentials(harness).apiKey },
      });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.did_create_bolt_account).toBe(true);
      const reference = String((answer.body.transaction as Json).reference);
      if (profile === "sandbox") {
        expect(answer.body).not.toHaveProperty("order_number");
        expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      } else expect(answer.body.order_number).toEqual(expect.any(String));
      expect(await harness.client.accountExists(email)).toBe(true);
    },
  );

  it("both refuse another division's id", async () => {
    for (const harness of Object.values(profiles)) {
      expect((await authorize(harness, recharge(harness, { division_id: "someoneElse" }))).status).toBe(422);
    }
  });

  it("GET of a transaction needs the API key, and a known reference", async () => {
    const harness = profiles.spec;
    const answer = await authorize(harness, recharge(harness));
    const reference = String((answer.body.transaction as Json).reference);
    expect((await transactionOf(harness, reference, { "X-API-Key": "wrong-key" })).status).toBe(401);
    expect((await transactionOf(harness, "NOPE-NOPE-NOPE")).status).toBe(404);
    const details = await transactionOf(harness, reference);
    expect(
      conformanceErrors(responseSchemaRef("/v1/merchant/transactions/{REFERENCE}", "get", 200), details.body),
    ).toEqual([]);
  });
});

describe("settling a payment", () => {
  const settle = (harness: Harness, operation: string, body: Json) =>
    call(`${harness.url}/v1/merchant/transactions/${operation}`, {
      json: body,
      headers: { "X-API-Key": credentials(harness).apiKey },
    });

  it.each([
    ["spec", []],
    ["sandbox", null],
  ] as const)("%s: captures is %j until something is captured, then lists each capture", async (profile, none) => {
    const harness = profiles[profile];
    const reference = String(((await authorize(harness, recharge(harness))).body.transaction as Json).reference);
    expect((await transactionOf(harness, reference)).body.captures).toEqual(none);
    const captured = await settle(harness, "capture", {
      transaction_reference: reference,
      amount: 4200,
      currency: "USD",
    });
    expect(captured.body).toMatchObject({ status: "completed", captures: [{ amount: { amount: 4200 } }] });
    const refunded = await settle(harness, "credit", {
      transaction_reference: reference,
      amount: 4200,
      currency: "USD",
    });
    expect(refunded.status, refunded.text).toBe(200);
    expect(refunded.body).toMatchObject({ type: "cc_credit", captures: none, source_transaction: { reference } });
    const shape = profile === "spec" ? /^[A-Z0-9]{12}$/ : /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;
    expect(String(refunded.body.reference)).toMatch(shape);
  });

  it("auto_capture: spec answers the capture at once; sandbox answers pending, as recorded, and GET shows it", async () => {
    const spec = await authorize(profiles.spec, recharge(profiles.spec, { auto_capture: true }));
    expect(spec.body.transaction).toMatchObject({ status: "completed", captures: [{ amount: { amount: 4200 } }] });

    const sandbox = await authorize(profiles.sandbox, recharge(profiles.sandbox, { auto_capture: true }));
    const transaction = sandbox.body.transaction as Json;
    expect(transaction).toMatchObject({ status: "pending", captures: null });
    expect((await transactionOf(profiles.sandbox, String(transaction.reference))).body).toMatchObject({
      status: "completed",
      captures: [{ amount: { amount: 4200 } }],
    });
  });

  it.each(["spec", "sandbox"] as const)(
    "%s: refuses a guest's new-card authorization without user_identifier.phone, and spends nothing",
    async (profile) => {
      const harness = profiles[profile];
      const token = await harness.client.tokenizeCard();
      const body = newCardPayment(harness, token, { user_identifier: { email: "nobody@example.com" } });
      const pay = (payment: Json) =>
        call(`${harness.url}/v1/merchant/transactions/authorize`, {
          json: payment,
          headers: { "X-API-Key": credentials(harness).apiKey },
        });
      const refused = await pay(body);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        errors: [{ code: 2001005, message: expect.stringContaining("user_identifier.phone") }],
      });
      expect(
        (await pay({ ...body, user_identifier: { email: "nobody@example.com", phone: "+15125550100" } })).status,
      ).toBe(200);
    },
  );
});
