import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BoltOAuthError } from "@/lib/bolt/errors";
import { verifyIdToken } from "@/lib/bolt/id-token";
import { exchangeAuthorizationCode } from "@/lib/bolt/oauth";
import { MAX_ACCESS_TOKEN_LENGTH, MAX_REFRESH_TOKEN_LENGTH } from "@/lib/bolt/token-format";
import type { CookieJar } from "@/lib/session/cookie";
import { jwtShapedToken, sealedCookie } from "@/lib/session/testing/sealed-cookie";
import { getKv, KvUnavailableError } from "@/lib/kv";
import { sessionDenial } from "@/lib/session/denylist";
import { answer } from "./request-checks";
import { CODE_SHAPE, missingScope, signIn, SignInBody } from "./sign-in";
import { captureLog } from "@/lib/log/testing/capture";

// The route handler's cookie jar: what signIn writes is what the browser gets.
const writes: string[] = [];
const values: string[] = [];
/** The cookies the browser sends, `name=value` pairs. */
const sent = new Map<string, string>();
const jar: CookieJar = {
  read: (name) => sent.get(name),
  write: (name, value) => {
    writes.push(name);
    values.push(value);
  },
};
vi.mock("@/lib/bolt/oauth", () => ({ exchangeAuthorizationCode: vi.fn(), refreshTokens: vi.fn() }));
vi.mock("@/lib/bolt/id-token", () => ({ verifyIdToken: vi.fn() }));

/** Bolt's codes are base64url, 43 characters in its examples: a test names its code, padded to that shape. */
const shaped = (name: string) => name.padEnd(43, "0");

function post(
  code: string,
  {
    attempt,
    ip,
    stepUp,
    scope = "bolt.account.manage openid",
  }: { attempt?: string; ip?: string; stepUp?: boolean; scope?: string } = {},
) {
  return new Request("http://localhost:3000/api/bolt/session", {
    method: "POST",
    headers: {
      host: "localhost:3000",
      origin: "http://localhost:3000",
      "content-type": "application/json",
      ...(ip ? { "x-client-ip": ip } : {}),
    },
    body: JSON.stringify({
      code: shaped(code),
      scope,
      ...(attempt ? { attempt } : {}),
      ...(stepUp ? { stepUp } : {}),
    }),
  });
}

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}`;

/** Spends from the kv the code exchanges share, like every sign-in that reaches Bolt. */
const exchangeBudgetSpent = async () => Number((await getKv().get(`rate:tokenExchanges:${hashOf("all")}`)) ?? 0);

function hashOf(subject: string): string {
  return createHash("sha256").update(subject).digest("base64url").slice(0, 22);
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

let logged: ReturnType<typeof captureLog>;
beforeEach(() => {
  writes.length = 0;
  values.length = 0;
  sent.clear();
  logged = captureLog();
  vi.mocked(exchangeAuthorizationCode).mockResolvedValue({
    accessToken: jwtShapedToken(MAX_ACCESS_TOKEN_LENGTH),
    refreshToken: jwtShapedToken(MAX_REFRESH_TOKEN_LENGTH),
    expiresAt: Date.now() + 3_600_000,
    scope: "bolt.account.manage openid",
    refreshTokenScope: "bolt.account.view",
    idToken: "id-token",
  });
});

describe("signIn", () => {
  it("sets the session cookie for the largest tokens it accepts, with a Bolt-sized profile", async () => {
    vi.mocked(verifyIdToken).mockResolvedValue({ sub: "shopper_1", email: "alice@example.com", firstName: "Alice" });
    const response = await signIn(post("code-fits"), jar);
    expect(response.status).toBe(200);
    // A new shopper at this browser gets a checkout of their own too.
    expect(writes).toEqual(["bolt_session", "checkout_id"]);
  });

  it("answers a clear 502 and sets no cookie when Bolt's tokens and profile cannot fit in one cookie", async () => {
    vi.mocked(verifyIdToken).mockResolvedValue({
      sub: "s".repeat(256),
      email: `${"e".repeat(242)}@example.com`,
      firstName: "A".repeat(64),
    });
    const response = await signIn(post("code-too-large"), jar);
    expect(response.status).toBe(502);
    await expect(response.json()).resolves.toMatchObject({ error: "session_too_large" });
    expect(writes).toEqual([]);
  });

  it.each([
    ["the spec's 422", 422],
    ["Bolt's sandbox's 400", 400],
  ])("refuses the sign-in, setting no cookie, when Bolt answers invalid_grant with %s", async (_name, status) => {
    vi.mocked(exchangeAuthorizationCode).mockRejectedValue(
      new BoltOAuthError(`exchangeAuthorizationCode: Bolt answered ${status} invalid_grant`, status, "invalid_grant"),
    );
    const response = await signIn(post(`code-rejected-${status}`), jar);
    expect(response.status).toBe(422);
    await expect(response.json()).resolves.toMatchObject({ error: "code_rejected" });
    expect(writes).toEqual([]);
  });
});

describe("signIn when Bolt refuses", () => {
  it("gives the shopper a short support code that leads to Bolt's trace id in the log", async () => {
    const refusal = new BoltOAuthError("exchangeAuthorizationCode: Bolt answered 503", 503);
    refusal.traceId = "4f0c1a2b3c4d5e6f708192a3b4c5d6e7";
    vi.mocked(exchangeAuthorizationCode).mockRejectedValue(refusal);
    const response = await signIn(post(unique("code-traced")), jar);
    expect(response.status).toBe(502);
    await expect(response.json()).resolves.toMatchObject({
      error: "bolt_error",
      message: expect.stringMatching(/ Support code: B4C5D6E7\.$/),
    });
    expect(logged.lines()).toContainEqual(expect.objectContaining({ boltTraceId: "4f0c1a2b3c4d5e6f708192a3b4c5d6e7" }));
  });
});

describe("signIn across clients and instances", () => {
  beforeEach(() => {
    vi.mocked(verifyIdToken).mockResolvedValue({ sub: "shopper_1", email: "alice@example.com", firstName: "Alice" });
    vi.mocked(exchangeAuthorizationCode).mockClear();
  });

  it("gives a double submit of the same tab the same session, and another client 409 or 422 without a cookie", async () => {
    const code = unique("code");
    const [first, again] = await Promise.all([
      signIn(post(code, { attempt: "tab-nonce-000000001" }), jar),
      signIn(post(code, { attempt: "tab-nonce-000000001" }), jar),
    ]);
    expect([first.status, again.status]).toEqual([200, 200]);
    const sessions = values.filter((_, i) => writes[i] === "bolt_session");
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).not.toBe("");
    const [one, two] = sessions;
    expect(one?.split("*")[0]).toBe("Fe26.2");
    // Both cookies seal the same session (same id, same tokens), so the browser ends with one.
    const { unsealData } = await import("iron-session");
    const { getEnv } = await import("@/lib/env");
    const password = getEnv().sessionPasswords;
    expect(await unsealData(one ?? "", { password })).toEqual(await unsealData(two ?? "", { password }));

    values.length = 0;
    const other = await signIn(post(code, { attempt: "someone-else-00001" }), jar);
    expect([409, 422]).toContain(other.status);
    expect(values).toEqual([]);
    expect(exchangeAuthorizationCode).toHaveBeenCalledTimes(1);
  });

  it("answers 503 without calling Bolt when the shared kv can't guard the code", async () => {
    vi.spyOn(getKv(), "setIfAbsent").mockRejectedValue(new KvUnavailableError("down"));
    const response = await signIn(post(unique("code")), jar);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    await expect(response.json()).resolves.toMatchObject({ error: "sign_in_unavailable" });
    expect(exchangeAuthorizationCode).not.toHaveBeenCalled();
    expect(writes).toEqual([]);
  });

  it("limits sign-ins per client IP, read only from the trusted header, with 429 and Retry-After", async () => {
    vi.stubEnv("TRUSTED_IP_HEADER", "X-Client-IP");
    vi.stubEnv("STOREFRONT_TUNING", JSON.stringify({ rateLimits: { signInPerIp: "2/1m" } }));
    vi.resetModules();
    const fresh = await import("./sign-in");
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    expect((await fresh.signIn(post(unique("code"), { ip }), jar)).status).toBe(200);
    expect((await fresh.signIn(post(unique("code"), { ip }), jar)).status).toBe(200);
    const limited = await fresh.signIn(post(unique("code"), { ip }), jar);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    await expect(limited.json()).resolves.toMatchObject({ error: "rate_limited" });
    // Another address, or no trusted address at all, is not held back by it.
    expect((await fresh.signIn(post(unique("code"), { ip: "198.51.100.1" }), jar)).status).toBe(200);
    expect((await fresh.signIn(post(unique("code")), jar)).status).toBe(200);
    expect(exchangeAuthorizationCode).toHaveBeenCalledTimes(4);
  });

  it("checks a code's shape before it spends the exchanges all clients share", async () => {
    const before = await exchangeBudgetSpent();
    const junk = new Request("http://localhost:3000/api/bolt/session", {
      method: "POST",
      headers: { host: "localhost:3000", origin: "http://localhost:3000", "content-type": "application/json" },
      body: JSON.stringify({ code: "junk-0.5318008", scope: "bolt.account.manage openid" }),
    });
    const refused = await answer(() => signIn(junk, jar));
    expect(refused.status).toBe(400);
    expect(await exchangeBudgetSpent()).toBe(before);
    expect((await signIn(post(unique("code-spends")), jar)).status).toBe(200);
    expect(await exchangeBudgetSpent()).toBe(before + 1);
    expect(exchangeAuthorizationCode).toHaveBeenCalledTimes(1);
  });

  it("stops at the global budget of code exchanges, whoever asks, without calling Bolt", async () => {
    vi.stubEnv("STOREFRONT_TUNING", JSON.stringify({ rateLimits: { tokenExchanges: "2/1m" } }));
    // A fresh store: the budget is global, and earlier tests spent some of it.
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("bolt-storefront.kv")];
    vi.resetModules();
    const fresh = await import("./sign-in");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await fresh.signIn(post(unique("junk")), jar)).status);
    expect(answers).toEqual([200, 200, 429, 429]);
    expect(exchangeAuthorizationCode).toHaveBeenCalledTimes(2);
  });
});

describe("signIn for a step-up (stepUp: true)", () => {
  /** The browser carries alice's view-only session, as after a refresh. */
  async function signedInAs(sub: string) {
    const { cookie, session } = await sealedCookie({ sub, scope: "bolt.account.view" });
    const [name = "", ...value] = cookie.split("=");
    sent.set(name, value.join("="));
    return session;
  }

  it("renews the session when Bolt confirms the same account, and revokes the one it replaces", async () => {
    const before = await signedInAs("shopper_alice");
    vi.mocked(verifyIdToken).mockResolvedValue({ sub: "shopper_alice", email: "alice@example.com" });
    const response = await signIn(post(unique("code-same"), { stepUp: true }), jar);
    expect(response.status).toBe(200);
    expect(writes).toEqual(["bolt_session"]);
    // A copy of the cookie taken before the step-up stops working.
    await expect(sessionDenial(before.sid)).resolves.toBe("replaced");
  });

  it("keeps the current session and refuses, saying why, when the code is another account's", async () => {
    await signedInAs("shopper_alice");
    vi.mocked(verifyIdToken).mockResolvedValue({ sub: "shopper_mallory", email: "mallory@example.com" });
    const response = await signIn(post(unique("code-other"), { stepUp: true }), jar);
    expect(response.status).toBe(409);
    await expect(response.json()).resolves.toEqual({
      error: "account_mismatch",
      message: expect.stringContaining("different Bolt account"),
    });
    expect(writes).toEqual([]);
    expect(logged.lines()).toContainEqual(
      expect.objectContaining({ event: "step_up_refused", reason: "account_changed" }),
    );
  });

  it("refuses a step-up without a session before Bolt sees the code", async () => {
    vi.mocked(exchangeAuthorizationCode).mockClear();
    // Through the route's wrapper, which turns a refused request into its JSON answer.
    const response = await answer(() => signIn(post(unique("code-alone"), { stepUp: true }), jar));
    expect(response.status).toBe(401);
    await expect(response.json()).resolves.toMatchObject({ error: "step_up_without_session" });
    expect(exchangeAuthorizationCode).not.toHaveBeenCalled();
    expect(writes).toEqual([]);
  });

  it("without stepUp, replaces whatever session the browser had (a sign-in, not a confirmation), and revokes it", async () => {
    const before = await signedInAs("shopper_alice");
    vi.mocked(verifyIdToken).mockResolvedValue({ sub: "shopper_bob", email: "bob@example.com" });
    expect((await signIn(post(unique("code-fresh")), jar)).status).toBe(200);
    expect(writes).toEqual(["bolt_session", "checkout_id"]);
    await expect(sessionDenial(before.sid)).resolves.toBe("replaced");
  });

  it("leaves a refused step-up's session as it was", async () => {
    const before = await signedInAs("shopper_alice");
    vi.mocked(verifyIdToken).mockResolvedValue({ sub: "shopper_mallory", email: "mallory@example.com" });
    expect((await signIn(post(unique("code-mallory"), { stepUp: true }), jar)).status).toBe(409);
    await expect(sessionDenial(before.sid)).resolves.toBeUndefined();
  });
});

const ok = (value: unknown) => SignInBody.safeParse(value).success;

describe("SignInBody", () => {
  it("accepts what Bolt's login_complete hands the page", () => {
    expect(
      ok({
        code: "7GSjMRSHs6Ak7C_zvVW6P2IhZOHxMK7HZKW1fMX85ms.-DUXvwr1Yg-bfvqXUlMaz49fPn7OdiPa3TwVBlUI-wc",
        scope: "bolt.account.manage+openid",
      }),
    ).toBe(true);
  });

  it.each<[string, unknown]>([
    ["a missing code", { scope: "openid" }],
    ["an empty code", { code: "", scope: "" }],
    ["a number", { code: 42, scope: "" }],
    ["a boolean", { code: true, scope: "" }],
    ["null", { code: null, scope: "" }],
    ["an array", { code: ["a"], scope: "" }],
    ["an object", { code: { a: 1 }, scope: "" }],
    ["513 characters", { code: "a".repeat(513), scope: "" }],
    ["CR/LF", { code: "abc\r\ndef", scope: "" }],
    ["NUL", { code: "abc\u0000", scope: "" }],
    ["a space", { code: "abc def", scope: "" }],
    ["Unicode", { code: "cödé", scope: "" }],
    ["a missing scope", { code: "abc" }],
    ["a 257-character scope", { code: "abc", scope: "s".repeat(257) }],
    ["an extra key", { code: "abc", scope: "", state: "x" }],
    ["a constructor key", JSON.parse('{"code":"abc","scope":"","constructor":{}}')],
    ["stepUp: false (a sign-in simply leaves it out)", { code: "abc", scope: "", stepUp: false }],
    ["stepUp as a string", { code: "abc", scope: "", stepUp: "true" }],
    ["stepUp as 1", { code: "abc", scope: "", stepUp: 1 }],
  ])("refuses %s", (_name, value) => {
    expect(ok(value)).toBe(false);
  });

  it("accepts a step-up, which says so with stepUp: true", () => {
    const code = shaped("code");
    expect(SignInBody.parse({ code, scope: "", stepUp: true })).toEqual({ code, scope: "", stepUp: true });
  });

  it.each([
    ["one segment of 43", "7GSjMRSHs6Ak7C_zvVW6P2IhZOHxMK7HZKW1fMX85ms"],
    ["two segments", "KCqordmSK6_lpkaAAAAAAAAAAAAAJI.CzOF7QOmAAAAAAAAAAAAAAAA6zw"],
  ])("accepts Bolt's code shapes: %s", (_name, code) => {
    expect(ok({ code, scope: "openid" })).toBe(true);
  });

  it.each([
    ["a short code", "abc"],
    ["three segments", `${"a".repeat(20)}.${"b".repeat(20)}.${"c".repeat(20)}`],
    ["a code with other characters", `${"a".repeat(20)}+${"b".repeat(20)}`],
    ["a code of junk a bot made up", "junk-0.5318008"],
  ])("refuses %s", (_name, code) => {
    expect(ok({ code, scope: "openid" })).toBe(false);
  });

  it("accepts a code exactly when it has Bolt's shape (1000 fast-check runs)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 600 }), (code) => {
        expect(ok({ code, scope: "openid" })).toBe(CODE_SHAPE.test(code));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the scope", () => {
  beforeEach(() => {
    vi.mocked(verifyIdToken).mockResolvedValue({ sub: "shopper_1", email: "alice@example.com" });
    vi.mocked(exchangeAuthorizationCode).mockClear();
  });

  it.each(["openid bolt.account.manage", "bolt.account.manage+openid", "bolt.account.view openid"])(
    "is exchanged exactly as the modal gave it: %j",
    async (scope) => {
      expect((await signIn(post(unique("code-scope"), { scope }), jar)).status).toBe(200);
      expect(exchangeAuthorizationCode).toHaveBeenCalledWith(expect.any(String), scope);
    },
  );

  it.each([
    ["no openid", "bolt.account.manage"],
    ["no account scope", "openid"],
    ["nothing", ""],
  ])("refuses a modal's scope with %s before Bolt sees the code", async (_name, scope) => {
    const response = await answer(() => signIn(post(unique("code-narrow"), { scope }), jar));
    expect(response.status).toBe(400);
    await expect(response.json()).resolves.toMatchObject({ error: "scope_insufficient" });
    expect(exchangeAuthorizationCode).not.toHaveBeenCalled();
  });

  it("refuses the sign-in, setting no cookie, when Bolt grants less than the store needs", async () => {
    vi.mocked(exchangeAuthorizationCode).mockResolvedValueOnce({
      accessToken: "at",
      refreshToken: "rt",
      expiresAt: Date.now() + 3_600_000,
      scope: "openid",
      idToken: "id-token",
    });
    const response = await signIn(post(unique("code-granted")), jar);
    expect(response.status).toBe(502);
    await expect(response.json()).resolves.toMatchObject({ error: "scope_not_granted" });
    expect(writes).toEqual([]);
  });
});

describe("missingScope", () => {
  it.each([
    ["bolt.account.manage openid", undefined],
    ["bolt.account.view,openid", undefined],
    ["bolt.account.manage", "openid"],
    ["openid admin", "bolt.account.manage"],
  ])("%j lacks %j", (scope, missing) => {
    expect(missingScope(scope)).toBe(missing);
  });
});
