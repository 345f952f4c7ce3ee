import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { admin, bearer, call, credentials, postToken, emulatorForFile } from "../test-client/vitest-harness";
import { isLoopbackAddress } from "./admin-routes";

const harness = emulatorForFile();

describe("request log", () => {
  it("names the shopper and grant type of each call, and never holds a token value", async () => {
    const shopper = await harness.client.createShopper();
    const tokens = await harness.client.exchangeCode(shopper.oauthCode);
    const refreshed = await harness.client.refresh(tokens.refresh_token);
    await call(`${harness.url}/v1/account`, { headers: bearer(harness, tokens.access_token) });
    await call(`${harness.url}/v1/account`, { headers: bearer(harness, "unknown.token") });

    const mine = await harness.client.requests({ email: shopper.email });
    expect(mine.map((entry) => [entry.method, entry.path, entry.status, entry.grantType])).toEqual([
      ["POST", "/v1/testing/shopper/create", 200, undefined],
      ["POST", "/v1/oauth/token", 200, "authorization_code"],
      ["POST", "/v1/oauth/token", 200, "refresh_token"],
      ["GET", "/v1/account", 200, undefined],
    ]);
    for (const entry of mine) {
      expect(entry).toMatchObject({
        at: expect.stringMatching(/^\d{4}-/),
        durationMs: expect.any(Number),
        shopper: shopper.email,
      });
    }

    const refreshes = await harness.client.requests({ grantType: "refresh_token", path: "/v1/oauth/token" });
    expect(refreshes.some((entry) => entry.shopper === shopper.email)).toBe(true);

    const everything = JSON.stringify(await harness.client.requests());
    for (const secret of [
      shopper.oauthCode,
      tokens.access_token,
      tokens.refresh_token,
      String(tokens.id_token),
      refreshed.access_token,
      refreshed.refresh_token,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("names the shopper of a reused code too", async () => {
    const shopper = await harness.client.createShopper();
    await harness.client.exchangeCode(shopper.oauthCode);
    await postToken(harness, { grant_type: "authorization_code", code: shopper.oauthCode, scope: "openid" });
    const entries = await harness.client.requests({ email: shopper.email, grantType: "authorization_code" });
    expect(entries.map((entry) => entry.status)).toEqual([200, 422]);
  });

  it("leaves out admin, embed and modal requests", async () => {
    await harness.client.clearRequests();
    await call(`${harness.url}/embed.js`);
    await call(`${harness.url}/login-modal?origin=http%3A%2F%2Flocalhost%3A3000&key=x`);
    await admin(harness, "/orders");
    await call(`${harness.url}/v1/oauth/jwks.json`);
    expect((await harness.client.requests()).map((entry) => entry.path)).toEqual(["/v1/oauth/jwks.json"]);
  });

  it("clears on DELETE", async () => {
    await call(`${harness.url}/v1/oauth/jwks.json`);
    expect((await admin(harness, "/requests", { method: "DELETE" })).status).toBe(200);
    expect(await harness.client.requests()).toEqual([]);
  });
});

describe("lifetimes", () => {
  it("overrides token lifetimes for one shopper only", async () => {
    const [mine, other] = await Promise.all([harness.client.createShopper(), harness.client.createShopper()]);
    const set = await harness.client.setLifetimes(mine.email, { accessTokenTtlSeconds: 5 });
    expect(set).toEqual({
      email: mine.email,
      accessTokenTtlSeconds: 5,
      refreshTokenTtlSeconds: 31_536_000,
      codeTtlSeconds: 300,
    });
    expect((await harness.client.exchangeCode(mine.oauthCode)).expires_in).toBe(5);
    expect((await harness.client.exchangeCode(other.oauthCode)).expires_in).toBe(3600);
  });

  it("refuses a bad body", async () => {
    expect((await admin(harness, "/lifetimes", { json: { email: "not-an-email" } })).status).toBe(400);
    expect((await admin(harness, "/lifetimes", { json: { email: "a@b.co", accessTokenTtlSeconds: -1 } })).status).toBe(
      400,
    );
  });
});

describe("reset", () => {
  it("returns to the seeds and clears the log, faults and overrides", async () => {
    const shopper = await harness.client.createShopper();
    await harness.client.addFault({ path: "/v1/oauth/jwks.json", status: 500 });
    await harness.client.setLifetimes("alice@example.com", { accessTokenTtlSeconds: 1 });
    expect((await admin(harness, "/reset", { method: "POST" })).status).toBe(200);
    expect(await harness.client.requests()).toEqual([]);
    expect((await call(`${harness.url}/v1/oauth/jwks.json`)).status).toBe(200);
    const exists = await call(`${harness.url}/v1/account/exists?email=${encodeURIComponent(shopper.email)}`, {
      headers: { "X-Publishable-Key": credentials(harness).publishableKey },
    });
    expect(exists.body.has_bolt_account).toBe(false);
  });
});

describe("loopback only", () => {
  it.each([
    ["127.0.0.1", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.7", false],
    ["::ffff:192.168.1.20", false],
    ["127.0.0.2", false],
    [undefined, false],
  ])("isLoopbackAddress(%s) → %s", (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((info) => info && info.family === "IPv4" && !info.internal)?.address;

  it.skipIf(!external)("refuses admin calls that arrive on a non-loopback address", async () => {
    const port = new URL(harness.url).port;
    const answer = await call(`http://${external}:${port}/__emulator/requests`);
    expect(answer.status).toBe(403);
    expect((await call(`http://${external}:${port}/v1/oauth/jwks.json`)).status).toBe(200);
  });
});
