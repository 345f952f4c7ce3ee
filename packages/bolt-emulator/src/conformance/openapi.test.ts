import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it, onTestFinished } from "vitest";
import { REVIEW_TOTAL } from "../payments/transaction";
import { SEED_IDS } from "../store/seeds";
import {
  bearer,
  call,
  credentials,
  payAsAlice,
  postToken,
  referenceOf,
  seededCode,
  sleep,
  tokenForm,
  emulatorForFile,
  newCardPayment,
  webhookReceiver,
  type Answer,
  type Json,
} from "../test-client/vitest-harness";
import { componentSchemaRef, conformanceErrors, responseSchemaRef, SPEC_URL } from "./openapi";

const harness = emulatorForFile();

/** The answer has the status the document declares for it, a JSON body, and that body matches the declared schema. */
function expectDocumented(answer: Answer, path: string, method: string, status: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(conformanceErrors(responseSchemaRef(path, method, status), answer.body)).toEqual([]);
}

/** For statuses the document leaves undeclared: Bolt's generic error envelope. */
function expectBoltError(answer: Answer, status: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(conformanceErrors(componentSchemaRef("errors_bolt_api_response"), answer.body)).toEqual([]);
  expect(answer.body).toMatchObject({
    result: { success: false },
    errors: [{ code: expect.any(Number), message: expect.any(String) }],
  });
}

const address: Json = {
  first_name: "Olga",
  last_name: "Openapi",
  street_address1: "1 Spec Street",
  locality: "Austin",
  region: "TX",
  postal_code: "78701",
  country_code: "US",
  email: "olga@example.test",
  phone: "+15125550111",
};

async function aliceTokens() {
  return harness.client.exchangeCode(await seededCode(harness, "alice@example.com"));
}

describe("responses conform to Bolt's v1 OpenAPI document", () => {
  it("POST /v1/oauth/token: code exchange and refresh", async () => {
    const shopper = await harness.client.signedInShopper();
    const code = await postToken(harness, {
      grant_type: "authorization_code",
      code: await seededCode(harness, "bob@example.com"),
      scope: "bolt.account.manage openid",
    });
    expectDocumented(code, "/v1/oauth/token", "POST", 200);
    const refresh = await postToken(harness, {
      grant_type: "refresh_token",
      refresh_token: shopper.tokens.refresh_token,
      scope: "bolt.account.view",
    });
    expectDocumented(refresh, "/v1/oauth/token", "POST", 200);
  });

  it("POST /v1/oauth/token: every error", async () => {
    const json = await call(`${harness.url}/v1/oauth/token`, {
      json: tokenForm(harness, { grant_type: "authorization_code" }),
    });
    expectDocumented(json, "/v1/oauth/token", "POST", 400);
    expect(json.body.error).toBe("invalid_request");
    const scope = await postToken(harness, { grant_type: "authorization_code", code: "x", scope: "everything" });
    expectDocumented(scope, "/v1/oauth/token", "POST", 400);
    expect(scope.body.error).toBe("invalid_scope");
    const forbidden = await call(`${harness.url}/v1/oauth/token`, {
      form: { grant_type: "authorization_code", code: "x", scope: "openid" },
    });
    expectDocumented(forbidden, "/v1/oauth/token", "POST", 403);
    const grantType = await postToken(harness, { grant_type: "password", scope: "openid" });
    expectDocumented(grantType, "/v1/oauth/token", "POST", 403);
    const grant = await postToken(harness, { grant_type: "authorization_code", code: "unknown", scope: "openid" });
    expectDocumented(grant, "/v1/oauth/token", "POST", 422);
    expect(grant.body.error).toBe("invalid_grant");
  });

  it("GET /v1/account, for a full and an empty account", async () => {
    const alice = await aliceTokens();
    expectDocumented(
      await call(`${harness.url}/v1/account`, { headers: bearer(harness, alice.access_token) }),
      "/v1/account",
      "GET",
      200,
    );
    const carol = await harness.client.exchangeCode(await seededCode(harness, "carol@example.com"));
    expectDocumented(
      await call(`${harness.url}/v1/account`, { headers: bearer(harness, carol.access_token) }),
      "/v1/account",
      "GET",
      200,
    );
  });

  it("PATCH /v1/account/profile and the address book", async () => {
    const { tokens } = await harness.client.signedInShopper({});
    const headers = bearer(harness, tokens.access_token);
    expectDocumented(
      await call(`${harness.url}/v1/account/profile`, { method: "PATCH", json: { last_name: "Spec" }, headers }),
      "/v1/account/profile",
      "PATCH",
      200,
    );
    const added = await call(`${harness.url}/v1/account/addresses`, { json: { ...address, default: true }, headers });
    expectDocumented(added, "/v1/account/addresses", "POST", 200);
    const edited = await call(`${harness.url}/v1/account/addresses/${String(added.body.id)}`, {
      method: "PUT",
      json: { ...address, locality: "Dallas" },
      headers,
    });
    expectDocumented(edited, "/v1/account/addresses/{id}", "PUT", 200);
    const replaced = await call(`${harness.url}/v1/account/addresses/${String(added.body.id)}`, {
      json: address,
      headers,
    });
    expectDocumented(replaced, "/v1/account/addresses/{id}", "POST", 200);
  });

  it("POST /v1/account/payment_methods, and DELETE's declared 403 and 404", async () => {
    const { tokens } = await harness.client.signedInShopper({});
    const headers = bearer(harness, tokens.access_token);
    const cardToken = await call(`${harness.url}/v1/testing/card_token`, {
      headers: { "X-API-Key": credentials(harness).apiKey },
    });
    expectDocumented(cardToken, "/v1/testing/card_token", "GET", 200);
    const added = await call(`${harness.url}/v1/account/payment_methods`, {
      json: {
        token: cardToken.body.token,
        expiration: "2031-04",
        billing_address: address,
        last4: "1004",
        bin: "411111",
        network: "visa",
        token_type: "bolt",
      },
      headers,
    });
    expectDocumented(added, "/v1/account/payment_methods", "POST", 200);
    const missing = await call(`${harness.url}/v1/account/payment_methods/nope`, { method: "DELETE", headers });
    expectDocumented(missing, "/v1/account/payment_methods/{payment_method_id}", "DELETE", 404);
    const refreshed = await harness.client.refresh(tokens.refresh_token);
    const forbidden = await call(`${harness.url}/v1/account/payment_methods/${String(added.body.id)}`, {
      method: "DELETE",
      headers: bearer(harness, refreshed.access_token),
    });
    expectDocumented(forbidden, "/v1/account/payment_methods/{payment_method_id}", "DELETE", 403);
  });

  it("GET /v1/account/exists: 200 and the declared 422", async () => {
    const headers = { "X-Publishable-Key": credentials(harness).publishableKey };
    expectDocumented(
      await call(`${harness.url}/v1/account/exists?email=alice%40example.com`, { headers }),
      "/v1/account/exists",
      "GET",
      200,
    );
    expectDocumented(await call(`${harness.url}/v1/account/exists`, { headers }), "/v1/account/exists", "GET", 422);
  });

  it("POST /v1/merchant/transactions/authorize", async () => {
    const alice = await aliceTokens();
    const body = {
      cart: {
        order_reference: `spec-${randomUUID()}`,
        currency: "USD",
        total_amount: 1999,
        items: [{ reference: "a", name: "A", total_amount: 1999, unit_price: 1999, quantity: 1 }],
      },
      credit_card_id: SEED_IDS.aliceVisa,
      division_id: credentials(harness).divisionId,
      source: "direct_payments",
      user_identifier: { email: "alice@example.com", phone: "+14155550101" },
      user_identity: { first_name: "Alice", last_name: "Shopper" },
    };
    expect(conformanceErrors(componentSchemaRef("merchant_credit_card_authorization_recharge"), body)).toEqual([]);
    const answer = await call(`${harness.url}/v1/merchant/transactions/authorize`, {
      json: body,
      headers: bearer(harness, alice.access_token),
    });
    expectDocumented(answer, "/v1/merchant/transactions/authorize", "POST", 200);
  });

  it("POST /v1/merchant/transactions/authorize with a new card, creating the guest's account", async () => {
    const token = await harness.client.tokenizeCard();
    const body = newCardPayment(harness, token, {
      create_bolt_account: true,
      user_identifier: { email: `spec-${randomUUID().slice(0, 8)}@example.test`, phone: "+15125550111" },
    });
    expect(conformanceErrors(componentSchemaRef("merchant_credit_card_authorization"), body)).toEqual([]);
    const answer = await call(`${harness.url}/v1/merchant/transactions/authorize`, {
      json: body,
      headers: { "X-API-Key": credentials(harness).apiKey },
    });
    expectDocumented(answer, "/v1/merchant/transactions/authorize", "POST", 200);
    expect(answer.body.did_create_bolt_account).toBe(true);
    const spent = await call(`${harness.url}/v1/merchant/transactions/authorize`, {
      json: body,
      headers: { "X-API-Key": credentials(harness).apiKey },
    });
    expectBoltError(spent, 422);
  });

  it("POST /v1/testing/shopper/create", async () => {
    const answer = await call(`${harness.url}/v1/testing/shopper/create`, {
      json: { email_state: "verified", phone_state: "verified", has_address: true },
      headers: { "X-API-Key": credentials(harness).apiKey },
    });
    expectDocumented(answer, "/v1/testing/shopper/create", "POST", 200);
  });

  it("every errors_bolt_api_response the emulator gives", async () => {
    const alice = await aliceTokens();
    const refreshed = await harness.client.refresh(alice.refresh_token);
    const view = bearer(harness, refreshed.access_token);
    const manage = bearer(harness, (await aliceTokens()).access_token);
    expectBoltError(await call(`${harness.url}/v1/account`), 401);
    expectBoltError(await call(`${harness.url}/v1/account`, { headers: { ...manage, "X-API-Key": "wrong-key" } }), 401);
    expectBoltError(await call(`${harness.url}/v1/account/addresses`, { json: address, headers: view }), 403);
    expectBoltError(await call(`${harness.url}/v1/account/addresses/nope`, { method: "DELETE", headers: manage }), 404);
    expectBoltError(
      await call(`${harness.url}/v1/account/addresses`, { json: { street_address1: "x" }, headers: manage }),
      422,
    );
    const decline = await call(`${harness.url}/v1/merchant/transactions/authorize`, {
      json: {
        cart: { order_reference: randomUUID(), currency: "USD", total_amount: 100 },
        credit_card_id: SEED_IDS.aliceDecliningDiscover,
        division_id: credentials(harness).divisionId,
        source: "direct_payments",
        user_identifier: { phone: "+14155550101" },
        user_identity: {},
      },
      headers: manage,
    });
    expectBoltError(decline, 422);
    expectBoltError(await call(`${harness.url}/v1/nothing-here`), 404);
  });

  it("injected JSON faults keep Bolt's error shapes", async () => {
    await harness.client.addFault({ path: "/v1/account", status: 503, times: 1 });
    expectBoltError(await call(`${harness.url}/v1/account`), 503);
    await harness.client.addFault({ path: "/v1/oauth/token", status: 502, times: 1 });
    const token = await postToken(harness, { grant_type: "refresh_token", refresh_token: "x", scope: "openid" });
    expect(conformanceErrors(componentSchemaRef("errors_oauth_server_response"), token.body)).toEqual([]);
  });
});

describe("settlement and webhook responses conform to Bolt's v1 OpenAPI document", () => {
  const apiKey = () => ({ "X-API-Key": credentials(harness).apiKey });
  const TRANSACTIONS = "/v1/merchant/transactions";

  /** A settlement request whose body conforms to the document's request schema, sent with the API key. */
  async function settle(operation: string, schema: string, body: Json, headers: Record<string, string> = {}) {
    expect(conformanceErrors(componentSchemaRef(schema), body)).toEqual([]);
    return call(`${harness.url}${TRANSACTIONS}/${operation}`, { json: body, headers: { ...apiKey(), ...headers } });
  }
  const capture = (reference: string, amount: number) =>
    settle("capture", "capture_transaction_with_reference", {
      transaction_reference: reference,
      amount,
      currency: "USD",
    });
  const credit = (reference: string, amount: number) =>
    settle("credit", "transaction_credit", { transaction_reference: reference, amount, currency: "USD" });
  const voidIt = (reference: string) => settle("void", "credit_card_void", { transaction_reference: reference });
  const review = (reference: string, decision: string) =>
    call(`${harness.url}${TRANSACTIONS}/review`, {
      json: { transaction_reference: reference, decision },
      headers: apiKey(),
    });
  const details = (reference: string) => call(`${harness.url}${TRANSACTIONS}/${reference}`, { headers: apiKey() });
  const paid = async (overrides: Json = {}) => referenceOf(await payAsAlice(harness, overrides));

  it("capture, credit and void, and the transaction details after each", async () => {
    const reference = await paid();
    expectDocumented(await capture(reference, 1000), `${TRANSACTIONS}/capture`, "POST", 200);
    expectDocumented(await capture(reference, 3200), `${TRANSACTIONS}/capture`, "POST", 200);
    expectDocumented(await details(reference), `${TRANSACTIONS}/{REFERENCE}`, "GET", 200);
    const refund = await credit(reference, 500);
    expectDocumented(refund, `${TRANSACTIONS}/credit`, "POST", 200);
    expectDocumented(await details(reference), `${TRANSACTIONS}/{REFERENCE}`, "GET", 200);
    expectDocumented(await details(String(refund.body.reference)), `${TRANSACTIONS}/{REFERENCE}`, "GET", 200);
    const voided = await paid();
    expectDocumented(await voidIt(voided), `${TRANSACTIONS}/void`, "POST", 200);
    expectDocumented(await details(voided), `${TRANSACTIONS}/{REFERENCE}`, "GET", 200);
    const captured = await payAsAlice(harness, { auto_capture: true });
    expectDocumented(captured, `${TRANSACTIONS}/authorize`, "POST", 200);
  });

  it("review: approve and reject", async () => {
    const body = (reference: string, decision: string) => ({ transaction_reference: reference, decision });
    const held = () => paid({ cart: { total_amount: REVIEW_TOTAL, items: [] } });
    const approved = await held();
    expect(conformanceErrors(componentSchemaRef("merchant_credit_card_review"), body(approved, "approve"))).toEqual([]);
    expectDocumented(await review(approved, "approve"), `${TRANSACTIONS}/review`, "POST", 200);
    const rejected = await held();
    expectDocumented(await review(rejected, "reject"), `${TRANSACTIONS}/review`, "POST", 200);
    expectDocumented(await details(rejected), `${TRANSACTIONS}/{REFERENCE}`, "GET", 200);
  });

  it("every refusal of capture, void, credit and review, and 409 for a key in flight", async () => {
    const reference = await paid();
    expectDocumented(await capture("NOPENOPENOPE", 100), `${TRANSACTIONS}/capture`, "POST", 404);
    expectDocumented(await capture(reference, 4201), `${TRANSACTIONS}/capture`, "POST", 422);
    expectDocumented(await credit(reference, 100), `${TRANSACTIONS}/credit`, "POST", 422);
    expectDocumented(await credit("NOPENOPENOPE", 100), `${TRANSACTIONS}/credit`, "POST", 422);
    expectDocumented(await review(reference, "approve"), `${TRANSACTIONS}/review`, "POST", 403);
    expectDocumented(await review("NOPENOPENOPE", "approve"), `${TRANSACTIONS}/review`, "POST", 404);
    expectDocumented(await review(reference, "maybe"), `${TRANSACTIONS}/review`, "POST", 422);
    await capture(reference, 100);
    expectDocumented(await voidIt(reference), `${TRANSACTIONS}/void`, "POST", 403);
    expectDocumented(await voidIt("NOPENOPENOPE"), `${TRANSACTIONS}/void`, "POST", 404);
    const voided = await paid();
    await voidIt(voided);
    expectDocumented(await capture(voided, 100), `${TRANSACTIONS}/capture`, "POST", 403);

    await harness.client.addFault({ path: `${TRANSACTIONS}/capture`, latencyMs: 300, times: 1 });
    const key = { "Idempotency-Key": randomUUID() };
    const body = { transaction_reference: reference, amount: 100, currency: "USD" };
    const first = settle("capture", "capture_transaction_with_reference", body, key);
    await sleep(100);
    expectBoltError(await settle("capture", "capture_transaction_with_reference", body, key), 409);
    expectDocumented(await first, `${TRANSACTIONS}/capture`, "POST", 200);
  });

  it("POST, GET and DELETE /v1/webhooks, and their refusals", async () => {
    const division_id = credentials(harness).divisionId;
    const create = (body: Json) => call(`${harness.url}/v1/webhooks`, { json: body, headers: apiKey() });
    const body = { division_id, url: "https://shop.example/conformance", events: ["capture", "credit"] };
    expect(conformanceErrors(componentSchemaRef("events_array_create_webhook"), body)).toEqual([]);
    const created = await create(body);
    expectDocumented(created, "/v1/webhooks", "POST", 200);
    expectDocumented(await create(body), "/v1/webhooks", "POST", 422);
    expectDocumented(await create({ division_id, url: "not a url", event_group: "all" }), "/v1/webhooks", "POST", 400);
    expectDocumented(await create({ ...body, division_id: "someoneElse" }), "/v1/webhooks", "POST", 403);

    const id = String(created.body.webhook_id);
    const list = (division: string) =>
      call(`${harness.url}/v1/webhooks?division_id=${division}`, { headers: apiKey() });
    expectDocumented(await list(division_id), "/v1/webhooks", "GET", 200);
    expectDocumented(await list("someoneElse"), "/v1/webhooks", "GET", 403);
    expectDocumented(await call(`${harness.url}/v1/webhooks`, { headers: apiKey() }), "/v1/webhooks", "GET", 400);
    const one = (webhookId: string, method = "GET") =>
      call(`${harness.url}/v1/webhooks/${webhookId}`, { method, headers: apiKey() });
    expectDocumented(await one(id), "/v1/webhooks/{webhook_id}", "GET", 200);
    expect((await one(id, "DELETE")).status).toBe(200);
    expectDocumented(await one(id), "/v1/webhooks/{webhook_id}", "GET", 404);
    expectDocumented(await one(id, "DELETE"), "/v1/webhooks/{webhook_id}", "DELETE", 404);
  });

  it("webhook bodies: an event type of webhooks_type, a transaction_view as data, signed per bolt_hmac_param", async () => {
    const receiver = await webhookReceiver();
    const id = await harness.client.registerWebhook(receiver.url);
    onTestFinished(async () => {
      await harness.client.deleteWebhook(id);
      await receiver.close();
    });
    const reference = await paid();
    await receiver.waitFor(reference, 1);
    await capture(reference, 4200);
    await receiver.waitFor(reference, 2);
    await credit(reference, 100);
    const hooks = await receiver.waitFor(reference, 3);
    for (const hook of hooks) {
      expect(conformanceErrors(componentSchemaRef("webhooks_type"), hook.json.type)).toEqual([]);
      expect(conformanceErrors(componentSchemaRef("webhooks_object"), hook.json.object)).toEqual([]);
      expect(conformanceErrors(componentSchemaRef("transaction_view"), hook.json.data)).toEqual([]);
      expect(conformanceErrors(responseSchemaRef(`${TRANSACTIONS}/{REFERENCE}`, "GET", 200), hook.json.data)).toEqual(
        [],
      );
      expect(hook.headers).toHaveProperty("x-bolt-hmac-sha256");
    }
  });
});

describe("the vendored OpenAPI document", () => {
  const shared = new URL("../../../../../shared/bolt/bolt-api-v1.openapi.yaml", import.meta.url);
  const present = existsSync(shared);

  it.skipIf(!present)(
    "is byte-identical to ../shared/bolt/bolt-api-v1.openapi.yaml (skipped when that folder is absent)",
    () => {
      expect(readFileSync(SPEC_URL).equals(readFileSync(shared))).toBe(true);
    },
  );
});
