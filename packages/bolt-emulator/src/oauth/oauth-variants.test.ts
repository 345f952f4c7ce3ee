import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { audienceOf } from "../config";
import { call, credentials, emulatorForFile, postToken, seededCode, type Harness } from "../test-client/vitest-harness";

// Where real Bolt differs from its v1 document on OAuth (go-live §4 rows 1, 8, 12): the sandbox
// profile shows real Bolt's variant, the spec profile the document's.
const profiles = { spec: emulatorForFile(), sandbox: emulatorForFile({ BOLT_EMULATOR_PROFILE: "sandbox" }) };

const discovery = async (harness: Harness) =>
  (await call(`${harness.url}/.well-known/openid-configuration`)).body as Record<string, string>;

describe("the id_token issuer", () => {
  it("is the discovery issuer in the spec profile", async () => {
    const harness = profiles.spec;
    const tokens = await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"));
    expect(decodeJwt(String(tokens.id_token)).iss).toBe((await discovery(harness)).issuer);
  });

  it("is https://bolt.com in the sandbox profile, while discovery keeps its own issuer and the key verifies", async () => {
    const harness = profiles.sandbox;
    const tokens = await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"));
    const config = await discovery(harness);
    expect(config.issuer).toBe(harness.url);
    const jwks = createRemoteJWKSet(new URL(String(config.jwks_uri)));
    const audience = audienceOf(credentials(harness).publishableKey);
    const { payload } = await jwtVerify(String(tokens.id_token), jwks, { issuer: "https://bolt.com", audience });
    expect(payload.email).toBe("alice@example.com");
    // A client that insists on the discovery issuer is caught.
    await expect(jwtVerify(String(tokens.id_token), jwks, { issuer: config.issuer })).rejects.toThrow(/iss/);
  });
});

describe("discovery's OAuth endpoints", () => {
  it("are v1's in the spec profile", async () => {
    const harness = profiles.spec;
    expect(await discovery(harness)).toMatchObject({
      token_endpoint: `${harness.url}/v1/oauth/token`,
      jwks_uri: `${harness.url}/v1/oauth/jwks.json`,
    });
  });

  it("are v3's in the sandbox profile, both served, the token endpoint behaving as v1's", async () => {
    const harness = profiles.sandbox;
    const config = await discovery(harness);
    expect(config).toMatchObject({
      authorization_endpoint: `${harness.url}/v3/oauth/authorize`,
      token_endpoint: `${harness.url}/v3/oauth/token`,
      jwks_uri: `${harness.url}/v3/oauth/jwks.json`,
    });
    expect((await call(String(config.jwks_uri))).body).toEqual((await call(`${harness.url}/v1/oauth/jwks.json`)).body);

    const code = await seededCode(harness, "bob@example.com");
    const form = harness.client.tokenForm({
      grant_type: "authorization_code",
      code,
      scope: "bolt.account.manage openid",
    });
    const answer = await call(String(config.token_endpoint), { form });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: "bearer", scope: "bolt.account.manage openid" });
    const reused = await call(String(config.token_endpoint), { form });
    expect([reused.status, reused.body.error]).toEqual([400, "invalid_grant"]);
    const logged = await harness.client.requests({ path: "/v3/oauth/token", grantType: "authorization_code" });
    expect(logged.map((entry) => entry.shopper)).toEqual(["bob@example.com", "bob@example.com"]);
  });
});

describe.each(["spec", "sandbox"] as const)("client_id in the %s profile", (profile) => {
  const harness = profiles[profile];

  it("may be the publishable key or its last section, nothing else", async () => {
    const key = credentials(harness).publishableKey;
    for (const clientId of [key, audienceOf(key)]) {
      const code = await seededCode(harness, "bob@example.com");
      const form = harness.client.tokenForm({ grant_type: "authorization_code", code, scope: "openid" });
      const answer = await call(`${harness.url}/v1/oauth/token`, { form: { ...form, client_id: clientId } });
      expect(answer.status).toBe(200);
    }
    const first = key.split(".")[0] ?? "";
    const code = await seededCode(harness, "bob@example.com");
    const form = harness.client.tokenForm({ grant_type: "authorization_code", code, scope: "openid" });
    const answer = await call(`${harness.url}/v1/oauth/token`, { form: { ...form, client_id: first } });
    expect([answer.status, answer.body.error]).toEqual([403, "request_forbidden"]);
  });
});

describe("the scope of a code exchange", () => {
  const wider = "bolt.account.manage bolt.account.view openid";

  it("is granted as asked in the spec profile, even wider than the modal's", async () => {
    const harness = profiles.spec;
    const tokens = await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"), wider);
    expect(tokens.scope).toBe(wider);
  });

  it("must stay within the code's in the sandbox profile: wider is invalid_scope and leaves the code usable", async () => {
    const harness = profiles.sandbox;
    const code = await seededCode(harness, "alice@example.com");
    const refused = await postToken(harness, { grant_type: "authorization_code", code, scope: wider });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: "invalid_scope",
      error_description: expect.stringContaining("bolt.account.view"),
    });
    // Exactly the scope the modal's login_complete gave succeeds, with the same code.
    const tokens = await harness.client.exchangeCode(code, "bolt.account.manage openid");
    expect(tokens.scope).toBe("bolt.account.manage openid");
  });

  it("may be narrower than the code's in the sandbox profile", async () => {
    const harness = profiles.sandbox;
    const tokens = await harness.client.exchangeCode(await seededCode(harness, "bob@example.com"), "openid");
    expect(tokens.scope).toBe("openid");
  });

  it("of a sandbox testing code may be any scope, as Bolt's testing endpoint hands it out", async () => {
    const harness = profiles.sandbox;
    const shopper = await harness.client.createShopper();
    expect((await harness.client.exchangeCode(shopper.oauthCode, wider)).scope).toBe(wider);
  });
});
