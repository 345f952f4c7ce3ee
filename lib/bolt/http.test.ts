import { describe, expect, it, vi } from "vitest";
import { callBolt, MAX_RESPONSE_BYTES, type BoltCall } from "./http";
import {
  BoltApiError,
  BoltError,
  BoltOAuthError,
  BoltResponseError,
  BoltTimeoutError,
  BoltUnavailableError,
} from "./errors";
import { stubBoltForFile } from "./testing/stub-bolt";
import { captureLog } from "@/lib/log/testing/capture";

const TIMEOUT_MS = 1500;
const bolt = stubBoltForFile({ STOREFRONT_TUNING: JSON.stringify({ boltTimeoutMs: TIMEOUT_MS }) });

const get: BoltCall = {
  operation: "getThing",
  method: "GET",
  path: "/v1/thing",
  accessToken: "tok_abc",
  errors: "api",
};
const post: BoltCall = {
  operation: "postThing",
  method: "POST",
  path: "/v1/thing",
  form: new URLSearchParams({ a: "1" }),
  errors: "oauth",
};

async function failure(call: BoltCall): Promise<BoltError> {
  const error = await callBolt(call).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BoltError);
  return error as BoltError;
}

describe("callBolt: what it sends", () => {
  it("sends the API key, publishable key and bearer token, asks for JSON, and parses the answer", async () => {
    bolt.reply("GET /v1/thing", { body: { ok: true } });
    await expect(callBolt(get)).resolves.toEqual({ ok: true });
    const [request] = bolt.requests;
    expect(request?.headers).toMatchObject({
      "x-api-key": expect.any(String),
      "x-publishable-key": expect.stringMatching(/^[^.]+\.[^.]+\.[^.]+$/),
      authorization: "Bearer tok_abc",
      accept: "application/json",
    });
  });

  it("posts forms as application/x-www-form-urlencoded and JSON as application/json", async () => {
    bolt.reply("POST /v1/thing", { body: {} });
    await callBolt(post);
    await callBolt({ ...post, form: undefined, json: { b: 2 }, idempotencyKey: "key-1", errors: "api" });
    expect(bolt.requests.map((request) => [request.headers["content-type"], request.body])).toEqual([
      ["application/x-www-form-urlencoded", "a=1"],
      ["application/json", '{"b":2}'],
    ]);
    expect(bolt.requests[1]?.headers["idempotency-key"]).toBe("key-1");
  });

  it("resolves an empty 2xx body to undefined", async () => {
    bolt.reply("GET /v1/thing", { status: 200, body: "" });
    await expect(callBolt(get)).resolves.toBeUndefined();
  });
});

describe("callBolt: X-Nonce and Bolt's trace id", () => {
  it("sends a fresh X-Nonce with every request, retries included", async () => {
    bolt.reply("GET /v1/thing", { status: 503, body: {} }, { body: { ok: true } });
    await callBolt(get);
    await callBolt(get);
    const nonces = bolt.requests.map((request) => request.headers["x-nonce"]);
    expect(nonces).toHaveLength(3);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(nonces).size).toBe(3);
  });

  it("puts Bolt's X-Bolt-Trace-Id on the error and in the call's log line, with the nonce", async () => {
    const traceId = "4f0c1a2b3c4d5e6f708192a3b4c5d6e7";
    bolt.reply("POST /v1/thing", { status: 422, headers: { "X-Bolt-Trace-Id": traceId }, body: {} });
    const logged = captureLog();
    try {
      const error = await failure({ ...post, errors: "api" });
      expect(error.traceId).toBe(traceId);
      const { supportCode } = await import("./errors");
      expect(supportCode(error)).toBe("B4C5D6E7");
    } finally {
      logged.restore();
    }
    expect(logged.lines()).toEqual([
      expect.objectContaining({
        level: "info",
        type: "bolt",
        operation: "postThing",
        path: "/v1/thing",
        status: 422,
        boltTraceId: traceId,
        nonce: bolt.requests[0]?.headers["x-nonce"],
      }),
    ]);
  });

  it("logs a call Bolt never answered, without a trace id", async () => {
    bolt.reply("POST /v1/thing", { hang: true });
    const logged = captureLog();
    try {
      expect(await failure(post)).toMatchObject({ name: "BoltTimeoutError", traceId: undefined });
      expect(logged.lines()).toEqual([expect.objectContaining({ type: "bolt", status: 0, boltTraceId: null })]);
    } finally {
      logged.restore();
    }
  });
});

describe("callBolt: budgets", () => {
  it("gives a payment boltPaymentTimeoutMs, while an account read slower than boltTimeoutMs times out", async () => {
    const slow = { body: { ok: true }, delayMs: TIMEOUT_MS + 500 };
    bolt.reply("POST /v1/merchant/transactions/authorize", slow);
    bolt.reply("GET /v1/thing", slow);
    const payment: BoltCall = {
      operation: "authorize",
      method: "POST",
      path: "/v1/merchant/transactions/authorize",
      json: {},
      idempotencyKey: "k",
      errors: "api",
      budget: "payment",
    };
    await expect(callBolt(payment)).resolves.toEqual({ ok: true });
    expect(await failure(get)).toBeInstanceOf(BoltTimeoutError);
  });
});

describe("callBolt: error mapping for every status class", () => {
  it.each([
    ["a 302 (never followed)", { status: 302, headers: { Location: "https://evil.example/" } }, BoltResponseError],
    ["a 200 with HTML", { status: 200, body: "<html>oops</html>" }, BoltResponseError],
    ["a 200 with truncated JSON", { status: 200, body: '{"access_token":' }, BoltResponseError],
    [
      "a 400 with an OAuth error",
      { status: 400, body: { error: "invalid_request", error_description: "nope" } },
      BoltOAuthError,
    ],
    ["a 403 without a readable body", { status: 403, body: "Forbidden" }, BoltOAuthError],
    ["a 429", { status: 429 }, BoltUnavailableError],
    ["a 500", { status: 500 }, BoltUnavailableError],
    ["a 502", { status: 502 }, BoltUnavailableError],
    ["a 503", { status: 503 }, BoltUnavailableError],
    ["a 504", { status: 504 }, BoltUnavailableError],
  ])("turns %s on the token endpoint into %O", async (_name, reply, type) => {
    bolt.reply("POST /v1/thing", reply);
    const error = await failure(post);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(/^postThing: /);
  });

  it.each([
    ["the spec's 422", 422, "invalid_grant"],
    ["the spec example's spelling", 422, "invalid _grant"],
    ["Bolt's sandbox's 400", 400, "invalid_grant"],
  ])("reads invalid_grant at %s the same way", async (_name, status, code) => {
    bolt.reply("POST /v1/thing", { status, body: { error: code, error_description: "used" } });
    const error = await failure(post);
    expect(error).toBeInstanceOf(BoltOAuthError);
    expect((error as BoltOAuthError).isInvalidGrant).toBe(true);
    expect(error).toMatchObject({ status, boltCode: "invalid_grant", detail: "used" });
  });

  it("does not read another 400 (invalid_request) as invalid_grant", async () => {
    bolt.reply("POST /v1/thing", { status: 400, body: { error: "invalid_request" } });
    expect(await failure(post)).toMatchObject({ isInvalidGrant: false, boltCode: "invalid_request" });
  });

  const refusal = (status: number, code: number | undefined, message: string) => ({
    status,
    body: { result: { success: false }, errors: [{ ...(code === undefined ? {} : { code }), message }] },
  });

  it.each([
    ["Bolt's sandbox: 403 with code 18", refusal(403, 18, "This action is forbidden."), true, false],
    ["a 401 for an expired bearer", refusal(401, 1002, "The access token is expired."), true, false],
    ["a 401 without a body", { status: 401, body: "" }, true, false],
    ["a 403 that says the token lacks a scope", refusal(403, 1003, "needs the bolt.account.manage scope"), false, true],
    ["a 401 that blames the merchant's API key", refusal(401, 1005, "Invalid merchant key."), false, false],
    ["a 403 that names neither", refusal(403, undefined, "Nope."), false, false],
  ])("classifies %s", async (_name, reply, refused, scopeMissing) => {
    bolt.reply("GET /v1/thing", reply);
    const error = await failure(get);
    expect(error).toBeInstanceOf(BoltApiError);
    expect(error).toMatchObject({ isTokenRefused: refused, isScopeMissing: scopeMissing });
  });

  it("reads Bolt's errors[] body on the account API", async () => {
    bolt.reply("GET /v1/thing", {
      status: 401,
      body: { result: { success: false }, errors: [{ code: 1005, message: "Invalid merchant key." }] },
    });
    const error = await failure(get);
    expect(error).toBeInstanceOf(BoltApiError);
    expect(error).toMatchObject({
      status: 401,
      boltCode: 1005,
      detail: "Invalid merchant key.",
      message: "getThing: Bolt answered 401 (code 1005)",
    });
  });

  it("keeps a 404 without a body as an API error with no code", async () => {
    bolt.reply("GET /v1/thing", { status: 404, body: "" });
    expect(await failure(get)).toMatchObject({ name: "BoltApiError", status: 404, boltCode: undefined });
  });

  it("refuses a body larger than the cap, whatever Content-Length says", async () => {
    bolt.reply("GET /v1/thing", { body: "x".repeat(MAX_RESPONSE_BYTES + 1) });
    expect(await failure(get)).toBeInstanceOf(BoltResponseError);
  });

  it("reports an unreachable Bolt as unavailable, with status 0", async () => {
    // A fresh module graph, so getEnv() reads the address again.
    vi.resetModules();
    vi.stubEnv("BOLT_API_URL", "http://127.0.0.1:9");
    const fresh = await import("./http");
    const errors = await import("./errors");
    const error: unknown = await fresh.callBolt(post).catch((thrown: unknown) => thrown);
    vi.stubEnv("BOLT_API_URL", bolt.url);
    expect(error).toBeInstanceOf(errors.BoltUnavailableError);
    expect(error).toMatchObject({ status: 0, message: "postThing: Bolt could not be reached" });
  });
});

describe("callBolt: timeouts and retries", () => {
  it("gives up on a hanging token endpoint after boltTimeoutMs, without retrying", async () => {
    bolt.reply("POST /v1/thing", { hang: true });
    const started = Date.now();
    const error = await failure(post);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(BoltTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 500);
    expect(bolt.requests).toHaveLength(1);
  });

  it("never retries a POST, even on a 503", async () => {
    bolt.reply("POST /v1/thing", { status: 503 }, { body: {} });
    expect(await failure(post)).toBeInstanceOf(BoltUnavailableError);
    expect(bolt.requests).toHaveLength(1);
  });

  it("retries a GET on 503 and succeeds", async () => {
    bolt.reply("GET /v1/thing", { status: 503 }, { body: { ok: 1 } });
    await expect(callBolt(get)).resolves.toEqual({ ok: 1 });
    expect(bolt.requests).toHaveLength(2);
  });

  it("retries a GET at most twice", async () => {
    bolt.reply("GET /v1/thing", { status: 500 });
    expect(await failure(get)).toBeInstanceOf(BoltUnavailableError);
    expect(bolt.requests).toHaveLength(3);
  });

  it("waits as long as a 429's Retry-After says before retrying a GET", async () => {
    bolt.reply("GET /v1/thing", { status: 429, headers: { "Retry-After": "1" } }, { body: { ok: 2 } });
    await expect(callBolt(get)).resolves.toEqual({ ok: 2 });
    const [first, second] = bolt.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it("does not retry when Retry-After asks for longer than it may wait", async () => {
    bolt.reply("GET /v1/thing", { status: 503, headers: { "Retry-After": "30" } }, { body: {} });
    const error = await failure(get);
    expect(error).toMatchObject({ name: "BoltUnavailableError", status: 503, retryAfterMs: 30_000 });
    expect(bolt.requests).toHaveLength(1);
  });

  it("does not retry a GET on a 4xx", async () => {
    bolt.reply("GET /v1/thing", { status: 403, body: { errors: [{ code: 1003, message: "scope" }] } });
    expect(await failure(get)).toBeInstanceOf(BoltApiError);
    expect(bolt.requests).toHaveLength(1);
  });
});
