import { beforeEach, describe, expect, it, vi } from "vitest";
import { stubBoltForFile } from "./testing/stub-bolt";

// Where the token requests go: discovery's token_endpoint (`/v3/oauth/token` on real Bolt), read once
// and cached like the key set. Each test starts with a fresh module graph, so nothing is cached yet.
const bolt = stubBoltForFile();
beforeEach(() => {
  vi.resetModules();
});

const tokens = { access_token: "at", token_type: "bearer", expires_in: 3600, refresh_token: "rt", id_token: "jwt" };

function discovery(tokenEndpoint?: string) {
  bolt.reply("GET /.well-known/openid-configuration", {
    body: {
      issuer: "https://bolt.com",
      jwks_uri: `${bolt.url}/v3/oauth/jwks.json`,
      ...(tokenEndpoint ? { token_endpoint: tokenEndpoint } : {}),
    },
  });
}

const oauth = () => import("./oauth");
const posts = () => bolt.requests.filter((request) => request.method === "POST").map((request) => request.path);

describe("the token endpoint", () => {
  it("is discovery's token_endpoint, read once for every exchange and refresh after it", async () => {
    discovery(`${bolt.url}/v3/oauth/token`);
    bolt.reply("POST /v3/oauth/token", { body: tokens });
    const { exchangeAuthorizationCode, refreshTokens } = await oauth();
    await exchangeAuthorizationCode("code", "bolt.account.manage openid");
    await refreshTokens("rt", "bolt.account.view");
    expect(bolt.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "GET /.well-known/openid-configuration",
      "POST /v3/oauth/token",
      "POST /v3/oauth/token",
    ]);
  });

  it("stays on BOLT_API_URL, where the client secret may go, when discovery names another origin", async () => {
    discovery("https://evil.example/oauth/token");
    bolt.reply("POST /v1/oauth/token", { body: tokens });
    await (await oauth()).exchangeAuthorizationCode("code", "openid");
    expect(posts()).toEqual(["/v1/oauth/token"]);
  });

  it("is v1's when discovery names none", async () => {
    discovery();
    bolt.reply("POST /v1/oauth/token", { body: tokens });
    await (await oauth()).refreshTokens("rt", "bolt.account.view");
    expect(posts()).toEqual(["/v1/oauth/token"]);
  });

  it("keeps refreshes going without discovery, but spends no code it could not verify", async () => {
    bolt.reply("GET /.well-known/openid-configuration", { status: 503, body: {} });
    bolt.reply("POST /v1/oauth/token", { body: tokens });
    const { exchangeAuthorizationCode, refreshTokens } = await oauth();
    await expect(exchangeAuthorizationCode("code", "openid")).rejects.toMatchObject({
      name: "BoltUnavailableError",
    });
    expect(posts()).toEqual([]);
    await expect(refreshTokens("rt", "bolt.account.view")).resolves.toMatchObject({ accessToken: "at" });
    expect(posts()).toEqual(["/v1/oauth/token"]);
  });
});
