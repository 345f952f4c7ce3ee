import { describe, expect, it } from "vitest";
import { bearer, call, credentials, postToken, sleep, tokenForm, emulatorForFile } from "../test-client/vitest-harness";

const harness = emulatorForFile();

const account = (accessToken: string) => call(`${harness.url}/v1/account`, { headers: bearer(harness, accessToken) });

describe("authorization code exchange", () => {
  it("issues Hydra-like opaque tokens with Bolt's response fields and no-store", async () => {
    const shopper = await harness.client.createShopper();
    const answer = await postToken(harness, {
      grant_type: "authorization_code",
      code: shopper.oauthCode,
      scope: "bolt.account.manage openid",
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.body).toMatchObject({
      expires_in: 3600,
      refresh_token_scope: "bolt.account.view",
      scope: "bolt.account.manage openid",
      token_type: "bearer",
    });
    for (const token of [answer.body.access_token, answer.body.refresh_token]) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    }
    expect(typeof answer.body.id_token).toBe("string");
  });

  it("grants exactly the requested scopes and only adds an id_token for openid", async () => {
    const shopper = await harness.client.createShopper();
    const tokens = await harness.client.exchangeCode(shopper.oauthCode, "bolt.account.view");
    expect(tokens.scope).toBe("bolt.account.view");
    expect(tokens.id_token).toBeUndefined();
  });

  it("accepts a code once; a reuse is invalid_grant and revokes the tokens the first use issued", async () => {
    const shopper = await harness.client.createShopper();
    const first = await harness.client.exchangeCode(shopper.oauthCode);
    expect((await account(first.access_token)).status).toBe(200);

    const second = await postToken(harness, {
      grant_type: "authorization_code",
      code: shopper.oauthCode,
      scope: "bolt.account.manage openid",
    });
    expect(second.status).toBe(422);
    expect(second.body.error).toBe("invalid_grant");

    expect((await account(first.access_token)).status).toBe(401);
    const refreshed = await postToken(harness, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      scope: "bolt.account.view",
    });
    expect(refreshed.status).toBe(422);
    expect(refreshed.body.error).toBe("invalid_grant");
  });

  it("refuses an expired code", async () => {
    const shopper = await harness.client.createShopper({});
    await harness.client.setLifetimes(shopper.email, { codeTtlSeconds: 1 });
    const fresh = await call(`${harness.url}/connect/login/verify`, {
      json: { email: shopper.email, otp: shopper.otp },
      headers: { Origin: harness.url },
    });
    await sleep(1100);
    const answer = await postToken(harness, {
      grant_type: "authorization_code",
      code: String(fresh.body.authorizationCode),
      scope: "openid",
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("expired"),
    });
  });

  it("refuses an unknown code", async () => {
    const answer = await postToken(harness, { grant_type: "authorization_code", code: "nope.nope", scope: "openid" });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toBe("invalid_grant");
  });

  it("expires access tokens after their lifetime (per-shopper override)", async () => {
    const shopper = await harness.client.createShopper();
    await harness.client.setLifetimes(shopper.email, { accessTokenTtlSeconds: 1 });
    const tokens = await harness.client.exchangeCode(shopper.oauthCode);
    expect(tokens.expires_in).toBe(1);
    expect((await account(tokens.access_token)).status).toBe(200);
    await sleep(1100);
    expect((await account(tokens.access_token)).status).toBe(401);
  });
});

describe("refresh", () => {
  it("rotates the refresh token, downgrades to bolt.account.view and returns no id_token", async () => {
    const shopper = await harness.client.createShopper();
    const first = await harness.client.exchangeCode(shopper.oauthCode);
    const answer = await postToken(harness, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      scope: "bolt.account.manage",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      scope: "bolt.account.view",
      refresh_token_scope: "bolt.account.view",
      token_type: "bearer",
      expires_in: 3600,
    });
    expect(answer.body).not.toHaveProperty("id_token");
    expect(answer.body.refresh_token).not.toBe(first.refresh_token);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const viewToken = String(answer.body.access_token);
    expect((await account(viewToken)).status).toBe(200);
  });

  it("refuses a rotated refresh token and then revokes the whole family", async () => {
    const shopper = await harness.client.createShopper();
    const first = await harness.client.exchangeCode(shopper.oauthCode);
    const rotated = await postToken(harness, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      scope: "bolt.account.view",
    });
    expect(rotated.status).toBe(200);

    const reuse = await postToken(harness, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      scope: "bolt.account.view",
    });
    expect(reuse.status).toBe(422);
    expect(reuse.body.error).toBe("invalid_grant");

    expect((await account(String(rotated.body.access_token))).status).toBe(401);
    const next = await postToken(harness, {
      grant_type: "refresh_token",
      refresh_token: String(rotated.body.refresh_token),
      scope: "bolt.account.view",
    });
    expect(next.status).toBe(422);
  });

  it("refuses an expired refresh token", async () => {
    const shopper = await harness.client.createShopper();
    await harness.client.setLifetimes(shopper.email, { refreshTokenTtlSeconds: 1 });
    const first = await harness.client.exchangeCode(shopper.oauthCode);
    await sleep(1100);
    const answer = await postToken(harness, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      scope: "bolt.account.view",
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toBe("invalid_grant");
  });
});

describe("request format", () => {
  it("accepts only a form body: JSON is invalid_request", async () => {
    const shopper = await harness.client.createShopper();
    const answer = await call(`${harness.url}/v1/oauth/token`, {
      json: tokenForm(harness, { grant_type: "authorization_code", code: shopper.oauthCode, scope: "openid" }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("invalid_request");
    // The code was not consumed by the refused request.
    await expect(harness.client.exchangeCode(shopper.oauthCode)).resolves.toHaveProperty("access_token");
  });

  it("refuses a parameter given twice", async () => {
    const body = new URLSearchParams(
      tokenForm(harness, { grant_type: "authorization_code", code: "a", scope: "openid" }),
    );
    body.append("code", "b");
    const answer = await call(`${harness.url}/v1/oauth/token`, {
      body: body.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("invalid_request");
  });

  it.each([
    ["spaces", "bolt.account.manage openid"],
    ["a literal plus", "bolt.account.manage+openid"],
    ["commas", "bolt.account.manage,openid"],
    ["a JSON array", '["bolt.account.manage","openid"]'],
    ["mixed separators and padding", " bolt.account.manage, openid "],
  ])("accepts scopes separated by %s", async (_name, scope) => {
    const shopper = await harness.client.createShopper();
    const answer = await postToken(harness, { grant_type: "authorization_code", code: shopper.oauthCode, scope });
    expect(answer.status).toBe(200);
    expect(answer.body.scope).toBe("bolt.account.manage openid");
  });

  it("decodes a form-encoded + as a space too", async () => {
    const shopper = await harness.client.createShopper();
    const { publishableKey, apiKey } = credentials(harness);
    const answer = await call(`${harness.url}/v1/oauth/token`, {
      body: `grant_type=authorization_code&code=${encodeURIComponent(shopper.oauthCode)}&client_id=${publishableKey}&client_secret=${apiKey}&scope=bolt.account.manage+openid`,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(answer.body.scope).toBe("bolt.account.manage openid");
  });

  it.each(["bolt.account.admin", "openid email", "[1,2]", "[", ""])(
    "refuses scope %j with invalid_scope",
    async (scope) => {
      const shopper = await harness.client.createShopper();
      const answer = await postToken(harness, { grant_type: "authorization_code", code: shopper.oauthCode, scope });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe("invalid_scope");
    },
  );

  it("needs a scope", async () => {
    const shopper = await harness.client.createShopper();
    const answer = await postToken(harness, { grant_type: "authorization_code", code: shopper.oauthCode });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("invalid_request");
  });

  it.each([
    ["a wrong client_secret", { client_secret: "wrong-secret" }],
    ["a wrong client_id", { client_id: "a.b.c" }],
    ["no client_secret", { client_secret: undefined }],
  ])("answers 403 request_forbidden for %s", async (_name, override) => {
    const shopper = await harness.client.createShopper();
    const form: Record<string, string> = tokenForm(harness, {
      grant_type: "authorization_code",
      code: shopper.oauthCode,
      scope: "openid",
    });
    for (const [key, value] of Object.entries(override)) {
      if (value === undefined) delete form[key];
      else form[key] = value;
    }
    const answer = await call(`${harness.url}/v1/oauth/token`, { form });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe("request_forbidden");
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 403 unsupported_grant_type for other grants", async () => {
    const answer = await postToken(harness, { grant_type: "client_credentials", scope: "openid" });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe("unsupported_grant_type");
  });

  it("needs grant_type", async () => {
    const answer = await postToken(harness, { scope: "openid" });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("invalid_request");
  });
});
