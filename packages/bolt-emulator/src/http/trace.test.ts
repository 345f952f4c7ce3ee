import { describe, expect, it } from "vitest";
import { bearer, call, credentials, emulatorForFile, postToken, type Harness } from "../test-client/vitest-harness";

const profiles = { spec: emulatorForFile(), sandbox: emulatorForFile({ BOLT_EMULATOR_PROFILE: "sandbox" }) };

const traceOf = (answer: { headers: Headers }) => answer.headers.get("x-bolt-trace-id");

describe.each(["spec", "sandbox"] as const)("trace ids and nonces in the %s profile", (profile) => {
  const harness: Harness = profiles[profile];

  it("gives every API answer a fresh X-Bolt-Trace-Id, success or error, and logs it", async () => {
    const shopper = await harness.client.signedInShopper();
    const answers = [
      await call(`${harness.url}/v1/account`, { headers: bearer(harness, shopper.tokens.access_token) }),
      await call(`${harness.url}/v1/account`, { headers: bearer(harness, "unknown.token") }),
      await postToken(harness, { grant_type: "authorization_code", code: "nope", scope: "openid" }),
      await call(`${harness.url}/.well-known/openid-configuration`),
      await call(`${harness.url}/v1/no-such-path`),
    ];
    const traces = answers.map(traceOf);
    for (const trace of traces) expect(trace).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(traces).size).toBe(traces.length);

    const logged = await harness.client.requestByTraceId(String(traces[1]));
    expect(logged).toMatchObject({ method: "GET", path: "/v1/account", status: answers[1]?.status });
    expect(await harness.client.requestByTraceId("0".repeat(32))).toBeUndefined();
  });

  it("carries a trace id on an injected fault too", async () => {
    const fault = await harness.client.addFault({ path: "/v1/oauth/jwks.json", status: 503, times: 1 });
    const answer = await call(`${harness.url}/v1/oauth/jwks.json`);
    expect(answer.status).toBe(503);
    expect((await harness.client.requestByTraceId(String(traceOf(answer))))?.status).toBe(503);
    await fault.remove();
  });

  it("puts no trace id on embed.js or the modal, which are not Bolt's API", async () => {
    expect(traceOf(await call(`${harness.url}/embed.js`))).toBeNull();
  });

  it("logs the X-Nonce a merchant sends, and answers a call without one all the same", async () => {
    const nonce = String(Date.now());
    const withNonce = await call(`${harness.url}/v1/testing/card_token`, {
      headers: { "X-API-Key": credentials(harness).apiKey, "X-Nonce": nonce },
    });
    expect(withNonce.status).toBe(200);
    expect(await harness.client.requestByTraceId(String(traceOf(withNonce)))).toMatchObject({ nonce });

    // No source shows Bolt refusing a call without X-Nonce, so neither profile does.
    const without = await harness.client.exchangeCode((await harness.client.createShopper()).oauthCode);
    expect(without.access_token).toEqual(expect.any(String));
    const [entry] = (await harness.client.requests({ path: "/v1/oauth/token" })).slice(-1);
    expect(entry).not.toHaveProperty("nonce");
  });
});
