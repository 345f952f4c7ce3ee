import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { SEED_IDS } from "../store/seeds";
import { call, credentials, seededCode, emulatorForFile } from "../test-client/vitest-harness";

const harness = emulatorForFile();

describe("OIDC discovery and the id_token", () => {
  it("publishes discovery pointing at the v1 token endpoint and JWKS", async () => {
    const answer = await call(`${harness.url}/.well-known/openid-configuration`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      issuer: harness.url,
      token_endpoint: `${harness.url}/v1/oauth/token`,
      jwks_uri: `${harness.url}/v1/oauth/jwks.json`,
      id_token_signing_alg_values_supported: ["RS256"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      scopes_supported: expect.arrayContaining(["openid", "bolt.account.manage", "bolt.account.view"]),
      claims_supported: expect.arrayContaining(["sub", "email", "first_name", "phone_number_verified"]),
    });
  });

  it("serves the same RSA key at /v1 and /v3 JWKS paths", async () => {
    const v1 = await call(`${harness.url}/v1/oauth/jwks.json`);
    const v3 = await call(`${harness.url}/v3/oauth/jwks.json`);
    expect(v1.body).toEqual(v3.body);
    const [key] = v1.body.keys as Array<Record<string, string>>;
    expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" });
    expect(Buffer.from(String(key?.n), "base64url")).toHaveLength(256);
    expect(key).not.toHaveProperty("d");
  });

  it("signs an id_token that verifies against the served JWKS, with Bolt's claims", async () => {
    const tokens = await harness.client.exchangeCode(await seededCode(harness, "alice@example.com"));
    const idToken = String(tokens.id_token);
    const header = decodeProtectedHeader(idToken);
    expect(header).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(typeof header.kid).toBe("string");

    const jwks = createRemoteJWKSet(new URL(`${harness.url}/v1/oauth/jwks.json`));
    const audience = credentials(harness).publishableKey.split(".").at(-1);
    const { payload } = await jwtVerify(idToken, jwks, { issuer: harness.url, audience, algorithms: ["RS256"] });
    expect(payload).toMatchObject({
      sub: SEED_IDS.alice,
      aud: [audience],
      email: "alice@example.com",
      email_verified: true,
      first_name: "Alice",
      last_name: "Shopper",
      phone_number: "+14155550101",
      phone_number_verified: true,
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
  });

  it("keeps sub stable across logins", async () => {
    const first = await harness.client.exchangeCode(await seededCode(harness, "bob@example.com"), "openid");
    const second = await harness.client.exchangeCode(await seededCode(harness, "bob@example.com"), "openid");
    const sub = (token: string | undefined) =>
      JSON.parse(Buffer.from(String(token).split(".")[1] ?? "", "base64url").toString()).sub;
    expect(sub(first.id_token)).toBe(SEED_IDS.bob);
    expect(sub(second.id_token)).toBe(SEED_IDS.bob);
  });
});
