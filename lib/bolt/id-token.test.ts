import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SANDBOX_CREDENTIALS as sandbox } from "bolt-emulator/test-client";
import { stubBoltForFile } from "./testing/stub-bolt";

// Each test loads a fresh module graph (the discovery document is cached per process), so errors
// are recognised by name: their classes are fresh copies too.
const bolt = stubBoltForFile();
let keys: { privateKey: CryptoKey; publicKey: CryptoKey };
let otherKeys: { privateKey: CryptoKey };
const audience = sandbox.publishableKey.split(".").at(-1) ?? "";

beforeAll(async () => {
  keys = await generateKeyPair("RS256", { extractable: true });
  otherKeys = await generateKeyPair("RS256");
});

beforeEach(async () => {
  vi.resetModules();
  bolt.reply("GET /.well-known/openid-configuration", {
    body: { issuer: bolt.url, jwks_uri: `${bolt.url}/v1/oauth/jwks.json` },
  });
  bolt.reply("GET /v1/oauth/jwks.json", {
    body: { keys: [{ ...(await exportJWK(keys.publicKey)), kid: "k1", alg: "RS256", use: "sig" }] },
  });
});

type Options = {
  claims?: JWTPayload;
  issuer?: string;
  audience?: string | string[];
  expiresIn?: string;
  key?: CryptoKey;
  kid?: string;
};

function sign({
  claims = {},
  issuer = bolt.url,
  audience: aud = [audience],
  expiresIn = "1h",
  key = keys.privateKey,
  kid = "k1",
}: Options = {}) {
  return new SignJWT({ email: "alan.watts@example.com", first_name: "Alan", ...claims })
    .setProtectedHeader({ alg: "RS256", kid })
    .setIssuer(issuer)
    .setAudience(aud)
    .setSubject("shopper-1")
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

const verify = async (token: string) => (await import("./id-token")).verifyIdToken(token);

describe("verifyIdToken", () => {
  it("accepts Bolt's token and returns sub, email and first name", async () => {
    await expect(verify(await sign())).resolves.toEqual({
      sub: "shopper-1",
      email: "alan.watts@example.com",
      firstName: "Alan",
    });
  });

  it("accepts aud as a plain string, and caches discovery and keys", async () => {
    const { verifyIdToken } = await import("./id-token");
    await verifyIdToken(await sign({ audience: audience }));
    await verifyIdToken(await sign());
    expect(bolt.requests.map((request) => request.path)).toEqual([
      "/.well-known/openid-configuration",
      "/v1/oauth/jwks.json",
    ]);
  });

  it.each(["https://bolt.com", "https://api.bolt.com", "https://boltapp.com", "https://api.boltapp.com"])(
    "accepts %s as issuer, which Bolt signs with whatever discovery says",
    async (issuer) => {
      await expect(verify(await sign({ issuer }))).resolves.toMatchObject({ sub: "shopper-1" });
    },
  );

  it("accepts an issuer BOLT_EXTRA_ISSUERS names, and only then", async () => {
    const issuer = "https://auth.bolt.example";
    await expect(verify(await sign({ issuer }))).rejects.toMatchObject({ name: "BoltIdTokenError" });
    vi.resetModules();
    vi.stubEnv("BOLT_EXTRA_ISSUERS", `https://other.example, ${issuer}`);
    try {
      await expect(verify(await sign({ issuer }))).resolves.toMatchObject({ sub: "shopper-1" });
    } finally {
      vi.stubEnv("BOLT_EXTRA_ISSUERS", "");
    }
  });

  it("cuts a very long first name and drops an empty one", async () => {
    await expect(verify(await sign({ claims: { first_name: "A".repeat(500) } }))).resolves.toMatchObject({
      firstName: "A".repeat(64),
    });
    await expect(verify(await sign({ claims: { first_name: "  " } }))).resolves.toMatchObject({ firstName: undefined });
  });

  it.each<[string, () => Promise<string>]>([
    ["another issuer", () => sign({ issuer: "https://evil.example" })],
    ["another audience", () => sign({ audience: ["someone-else"] })],
    ["an expired token", () => sign({ expiresIn: "-5m" })],
    ["a key Bolt never published", () => sign({ key: otherKeys.privateKey })],
    ["no email", () => sign({ claims: { email: undefined } })],
    ["an email that is not one", () => sign({ claims: { email: "nobody" } })],
    [
      "alg none",
      async () =>
        `${b64({ alg: "none" })}.${b64({ sub: "x", iss: bolt.url, aud: audience, exp: 9e9, email: "a@b.c" })}.`,
    ],
    ["alg HS256 with the public key as secret", () => hs256()],
    ["garbage", async () => "not.a.jwt"],
  ])("refuses %s", async (_name, token) => {
    await expect(verify(await token())).rejects.toMatchObject({ name: "BoltIdTokenError" });
  });

  it("refuses a JWKS that discovery places on another origin", async () => {
    bolt.reply("GET /.well-known/openid-configuration", {
      body: { issuer: bolt.url, jwks_uri: "https://evil.example/jwks.json" },
    });
    await expect(verify(await sign())).rejects.toMatchObject({ name: "BoltResponseError" });
  });
});

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

async function hs256(): Promise<string> {
  const secret = new TextEncoder().encode(JSON.stringify(await exportJWK(keys.publicKey)));
  return new SignJWT({ email: "a@b.c" })
    .setProtectedHeader({ alg: "HS256", kid: "k1" })
    .setIssuer(bolt.url)
    .setAudience(audience)
    .setSubject("x")
    .setExpirationTime("1h")
    .sign(secret);
}
