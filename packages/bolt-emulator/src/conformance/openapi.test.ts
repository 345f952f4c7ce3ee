import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SEED_IDS } from "../store/seeds";
import {
  bearer,
  call,
  credentials,
  postToken,
  seededCode,
  tokenForm,
  emulatorForFile,
  newCardPayment,
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
