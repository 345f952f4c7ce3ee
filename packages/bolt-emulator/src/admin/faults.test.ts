import { describe, expect, it } from "vitest";
import { startEmulator } from "../server";
import {
  admin,
  bearer,
  call,
  credentials,
  postToken,
  seededCode,
  emulatorForFile,
} from "../test-client/vitest-harness";
import { pathMatches } from "./faults";

const harness = emulatorForFile();

async function tokenFor(email: string): Promise<string> {
  return (await harness.client.exchangeCode(await seededCode(harness, email))).access_token;
}

const getAccount = (token: string, signal?: AbortSignal) =>
  fetch(`${harness.url}/v1/account`, { headers: bearer(harness, token), signal });

describe("fault injection", () => {
  it("answers an injected status with a Bolt-shaped error, for that shopper only", async () => {
    const [alice, bob] = await Promise.all([tokenFor("alice@example.com"), tokenFor("bob@example.com")]);
    const { id } = await harness.client.addFault({
      path: "/v1/account",
      method: "get",
      email: "Alice@Example.com",
      status: 503,
    });
    const faulted = await getAccount(alice);
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get("x-emulator-fault")).toBe(id);
    expect(await faulted.json()).toEqual({
      result: { success: false },
      errors: [{ code: 503, message: "Injected fault (HTTP 503)." }],
    });
    expect((await getAccount(bob)).status).toBe(200);
    await admin(harness, `/faults/${id}`, { method: "DELETE" });
    expect((await getAccount(alice)).status).toBe(200);
  });

  it("gives the token endpoint OAuth-shaped fault bodies", async () => {
    const { id } = await harness.client.addFault({ path: "/v1/oauth/token", status: 500, times: 1 });
    const answer = await postToken(harness, { grant_type: "refresh_token", refresh_token: "x", scope: "openid" });
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: "server_error", error_description: "Injected fault (HTTP 500)." });
    expect((await admin(harness, `/faults/${id}`, { method: "DELETE" })).status).toBe(404);
  });

  it.each([
    ["malformed", "application/json; charset=utf-8", (text: string) => expect(() => JSON.parse(text)).toThrow()],
    ["html", "text/html; charset=utf-8", (text: string) => expect(text).toMatch(/^<!DOCTYPE html>/)],
    ["empty", "application/json; charset=utf-8", (text: string) => expect(text).toBe("")],
  ] as const)("serves a %s body", async (kind, contentType, check) => {
    const token = await tokenFor("carol@example.com");
    await harness.client.addFault({
      path: "/v1/account",
      email: "carol@example.com",
      status: 200,
      body: kind,
      times: 1,
    });
    const response = await getAccount(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(contentType);
    check(await response.text());
  });

  it("delays, then runs the real handler", async () => {
    const token = await tokenFor("bob@example.com");
    await harness.client.addFault({ path: "/v1/account", email: "bob@example.com", latencyMs: 300, times: 1 });
    const started = Date.now();
    const response = await getAccount(token);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("hangs until the client gives up, and logs the request with status 0", async () => {
    const token = await tokenFor("alice@example.com");
    await harness.client.addFault({ path: "/v1/account", email: "alice@example.com", hang: true, times: 1 });
    await expect(getAccount(token, AbortSignal.timeout(300))).rejects.toThrow();
    await expect
      .poll(async () =>
        (await harness.client.requests({ email: "alice@example.com", path: "/v1/account" })).some(
          (entry) => entry.status === 0,
        ),
      )
      .toBe(true);
    expect((await getAccount(token)).status).toBe(200);
  });

  it("applies a rule `times` times, then lets requests through", async () => {
    const fault = await harness.client.addFault({ path: "/v1/testing/card_token", status: 429, times: 2 });
    const get = () =>
      call(`${harness.url}/v1/testing/card_token`, { headers: { "X-API-Key": credentials(harness).apiKey } });
    expect((await get()).status).toBe(429);
    expect((await admin(harness, `/faults/${fault.id}`)).body).toEqual({ id: fault.id, remaining: 1 });
    expect((await get()).status).toBe(429);
    expect(await fault.standing()).toBe(false);
    expect((await get()).status).toBe(200);
  });

  it("tells that a delaying rule has taken its request while that request is still waiting", async () => {
    const token = await tokenFor("alice@example.com");
    const fault = await harness.client.addFault({ path: "/v1/account", latencyMs: 1_000, times: 1 });
    expect(await fault.standing()).toBe(true);
    const slow = getAccount(token);
    await expect.poll(() => fault.standing(), { timeout: 900, interval: 20 }).toBe(false);
    expect((await slow).status).toBe(200);
  });

  it("matches path prefixes ending in * and filters by method", async () => {
    const token = await tokenFor("bob@example.com");
    const { id } = await harness.client.addFault({
      path: "/v1/account/*",
      method: "DELETE",
      email: "bob@example.com",
      status: 502,
    });
    const deleted = await call(`${harness.url}/v1/account/addresses/nope`, {
      method: "DELETE",
      headers: bearer(harness, token),
    });
    expect(deleted.status).toBe(502);
    expect((await getAccount(token)).status).toBe(200);
    await admin(harness, `/faults/${id}`, { method: "DELETE" });
  });

  it("clears every rule", async () => {
    const token = await tokenFor("carol@example.com");
    await harness.client.addFault({ path: "/v1/account", email: "carol@example.com", status: 500 });
    await admin(harness, "/faults", { method: "DELETE" });
    expect((await getAccount(token)).status).toBe(200);
  });

  it.each([
    { path: "/v1/account" },
    { path: "no-slash", status: 500 },
    { path: "/v1/account", status: 42 },
    { path: "/x", body: "xml" },
  ])("refuses the invalid rule %j", async (rule) => {
    expect((await admin(harness, "/faults", { json: rule })).status).toBe(400);
  });
});

describe("pathMatches", () => {
  it.each([
    ["/v1/account", "/v1/account", true],
    ["/v1/account", "/v1/account/addresses", false],
    ["/v1/account/*", "/v1/account/addresses/x", true],
    ["/v1/*", "/v1/oauth/token", true],
    ["/v1/account*", "/v1/accounts", true],
  ])("%s vs %s → %s", (pattern, path, expected) => {
    expect(pathMatches(pattern, path)).toBe(expected);
  });
});

describe("faults from BOLT_EMULATOR_FAULTS", () => {
  it("starts with the env rules and gets them back on reset", async () => {
    const running = await startEmulator({
      port: 0,
      env: { BOLT_EMULATOR_FAULTS: JSON.stringify([{ path: "/.well-known/*", status: 503 }]) },
    });
    try {
      const discovery = `${running.url}/.well-known/openid-configuration`;
      expect((await fetch(discovery)).status).toBe(503);
      await fetch(`${running.url}/__emulator/faults`, { method: "DELETE" });
      expect((await fetch(discovery)).status).toBe(200);
      await fetch(`${running.url}/__emulator/reset`, { method: "POST" });
      expect((await fetch(discovery)).status).toBe(503);
    } finally {
      await running.close();
    }
  });

  it("closes cleanly while a request hangs", async () => {
    const running = await startEmulator({
      port: 0,
      env: { BOLT_EMULATOR_FAULTS: JSON.stringify([{ path: "/v1/oauth/jwks.json", hang: true }]) },
    });
    const pending = fetch(`${running.url}/v1/oauth/jwks.json`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await running.close();
    await expect(pending).rejects.toThrow();
  });
});
