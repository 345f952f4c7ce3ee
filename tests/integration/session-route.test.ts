import { describe, expect, it } from "vitest";
import {
  bolt,
  expectRefused,
  postSession,
  postStepUp,
  SAME_ORIGIN,
  sessionCookieOf,
  setCookies,
  signIn,
  signInBody,
  STOREFRONT,
  TIMEOUT_MS,
  tokenCalls,
  unseal,
} from "./helpers";
import { SANDBOX_CREDENTIALS, type FaultRuleInput } from "bolt-emulator/test-client";

// `GET /api/bolt/session` (who the static pages' header shows), `POST /api/bolt/session` (code
// exchange) and `DELETE /api/bolt/session` (logout) against the running storefront and emulator.
// Adversarial cases follow security-checklist.md §6.

const URL_ = `${STOREFRONT}/api/bolt/session`;
const own = new URL(STOREFRONT);
const json = (value: unknown, headers: Record<string, string> = SAME_ORIGIN) =>
  postSession(JSON.stringify(value), headers);
const withCode = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  scope: "bolt.account.manage openid",
  ...extra,
});
const bytes = (text: string) => new TextEncoder().encode(text);
const send = (method: string, headers: Record<string, string> = SAME_ORIGIN, body?: BodyInit) =>
  fetch(URL_, { method, headers, body, redirect: "manual" });

type Case = [name: string, status: number, request: (code: string) => Promise<Response>];

const adversarial: Case[] = [
  // Body shapes → 400
  ["a body without code", 400, () => json({ scope: "openid" })],
  ["an empty code", 400, () => json(withCode(""))],
  ["a code that is a number", 400, () => json(withCode("x", { code: 12345 }))],
  ["a code that is a boolean", 400, () => json(withCode("x", { code: true }))],
  ["a code that is null", 400, () => json(withCode("x", { code: null }))],
  ["a code that is an array", 400, (code) => json(withCode("x", { code: [code] }))],
  ["a code that is an object", 400, (code) => json(withCode("x", { code: { value: code } }))],
  ["a code of 513 characters", 400, () => json(withCode("a".repeat(513)))],
  ["a code with CR/LF", 400, (code) => json(withCode(`${code}\r\n[INFO] admin login ok`))],
  ["a code with a NUL byte", 400, (code) => json(withCode(`${code}\u0000`))],
  ["a code with non-ASCII Unicode", 400, (code) => json(withCode(`${code}é`))],
  ["a code with a space", 400, (code) => json(withCode(`${code} x`))],
  ["a code not of Bolt's shape", 400, () => json(withCode("junk-0.5318008"))],
  ["a scope without openid", 400, (code) => json(withCode(code, { scope: "bolt.account.manage" }))],
  ["a body without scope", 400, (code) => json({ code })],
  ["a scope of 300 characters", 400, (code) => json(withCode(code, { scope: "s".repeat(300) }))],
  ["a scope that is a number", 400, (code) => json(withCode(code, { scope: 7 }))],
  ["an unexpected state field", 400, (code) => json(withCode(code, { state: "abc" }))],
  ["a __proto__ key", 400, (code) => postSession(`{"code":"${code}","scope":"openid","__proto__":{"isAdmin":true}}`)],
  [
    "a constructor key",
    400,
    (code) => postSession(`{"code":"${code}","scope":"openid","constructor":{"prototype":{}}}`),
  ],
  [
    "duplicate code keys whose last value is empty",
    400,
    (code) => postSession(`{"code":"${code}","code":"","scope":"openid"}`),
  ],
  ["invalid JSON", 400, (code) => postSession(`{"code":"${code}",`)],
  ["JSON null", 400, () => postSession("null")],
  ["JSON []", 400, () => postSession("[]")],
  ["JSON 42", 400, () => postSession("42")],
  ["a JSON string", 400, (code) => postSession(JSON.stringify(code))],
  ["an empty body", 400, () => postSession("")],
  ["invalid UTF-8", 400, () => postSession(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))],
  // Sizes → 413
  ["a 10 KB code", 413, () => json(withCode("a".repeat(10 * 1024)))],
  ["a 1 MB code", 413, () => json(withCode("a".repeat(1024 * 1024)))],
  ["an 8 KB body streamed without Content-Length", 413, (code) => streamed(signInBody(code).padEnd(8192, " "))],
  // Content types → 415
  [
    "text/plain with a JSON body",
    415,
    (code) => postSession(signInBody(code), { ...SAME_ORIGIN, "Content-Type": "text/plain" }),
  ],
  [
    "an urlencoded form",
    415,
    (code) =>
      postSession(`code=${code}&scope=openid`, { ...SAME_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" }),
  ],
  [
    "multipart/form-data",
    415,
    (code) => postSession(multipart(code), { ...SAME_ORIGIN, "Content-Type": "multipart/form-data; boundary=XyZ" }),
  ],
  [
    "no Content-Type",
    415,
    (code) => postSession(bytes(signInBody(code)), { Origin: STOREFRONT, "Sec-Fetch-Site": "same-origin" }),
  ],
  [
    "application/json-patch+json",
    415,
    (code) => postSession(signInBody(code), { ...SAME_ORIGIN, "Content-Type": "application/json-patch+json" }),
  ],
  // Methods → 405
  ["PUT", 405, (code) => send("PUT", SAME_ORIGIN, signInBody(code))],
  ["PATCH", 405, (code) => send("PATCH", SAME_ORIGIN, signInBody(code))],
  ["OPTIONS", 405, () => send("OPTIONS", { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" })],
  ["HEAD", 405, () => send("HEAD", { Origin: STOREFRONT })],
  // Cross-site POSTs → 403
  [
    "Sec-Fetch-Site: cross-site",
    403,
    (code) => postSession(signInBody(code), { ...SAME_ORIGIN, "Sec-Fetch-Site": "cross-site" }),
  ],
  [
    "Sec-Fetch-Site: same-site",
    403,
    (code) => postSession(signInBody(code), { ...SAME_ORIGIN, "Sec-Fetch-Site": "same-site" }),
  ],
  [
    "Origin: https://evil.example",
    403,
    (code) =>
      postSession(signInBody(code), { ...SAME_ORIGIN, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }),
  ],
  ["Origin: null", 403, (code) => postSession(signInBody(code), { ...SAME_ORIGIN, Origin: "null" })],
  ["no Origin and no Referer", 403, (code) => postSession(signInBody(code), { "Content-Type": "application/json" })],
  [
    "a same-origin Referer but no Origin",
    403,
    (code) => postSession(signInBody(code), { "Content-Type": "application/json", Referer: `${STOREFRONT}/checkout` }),
  ],
  [
    "a look-alike origin with our host as a prefix",
    403,
    (code) => postSession(signInBody(code), { ...SAME_ORIGIN, Origin: `${STOREFRONT}.evil.example` }),
  ],
  [
    "our host on another port",
    403,
    (code) =>
      postSession(signInBody(code), {
        ...SAME_ORIGIN,
        Origin: `${own.protocol}//${own.hostname}:${Number(own.port) + 1}`,
      }),
  ],
  [
    "our host over another scheme",
    403,
    (code) => postSession(signInBody(code), { ...SAME_ORIGIN, Origin: `https://${own.host}` }),
  ],
  [
    "our origin with a trailing slash",
    403,
    (code) => postSession(signInBody(code), { ...SAME_ORIGIN, Origin: `${STOREFRONT}/` }),
  ],
  [
    "an X-Forwarded-Host spoof matching a foreign Origin",
    403,
    (code) =>
      postSession(signInBody(code), {
        ...SAME_ORIGIN,
        Origin: "https://evil.example",
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
      }),
  ],
  ["a cross-site logout", 403, () => send("DELETE", { Origin: STOREFRONT, "Sec-Fetch-Site": "cross-site" })],
  ["a logout from a foreign Origin", 403, () => send("DELETE", { Origin: "https://evil.example" })],
  ["a logout without Origin", 403, () => send("DELETE", {})],
];

function streamed(text: string): Promise<Response> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < text.length; offset += 1024)
        controller.enqueue(bytes(text.slice(offset, offset + 1024)));
      controller.close();
    },
  });
  return fetch(URL_, { method: "POST", headers: SAME_ORIGIN, body, duplex: "half" } as RequestInit);
}

function multipart(code: string): string {
  return `--XyZ\r\nContent-Disposition: form-data; name="code"\r\n\r\n${code}\r\n--XyZ--\r\n`;
}

describe("POST/DELETE /api/bolt/session refuse adversarial requests", () => {
  it.each(adversarial)(
    "%s is refused with %i, sets no cookie and never reaches Bolt",
    async (_name, status, request) => {
      const shopper = await bolt.createShopper();
      const response = await request(shopper.oauthCode);
      await expectRefused(response, status);
      if (status === 405) expect(response.headers.get("allow")).toBe("GET, POST, DELETE");
      expect(await tokenCalls(shopper.email)).toEqual([]);
    },
  );

  it("counts its adversarial cases", () => {
    console.info(
      `route handler adversarial cases: ${adversarial.length} in the table, plus code, replay and upstream-fault cases below`,
    );
    expect(adversarial.length).toBeGreaterThanOrEqual(40);
  });
});

describe("GET /api/bolt/session: what the header shows", () => {
  const cart = (lines: Array<{ id: string; quantity: number }>) => `cart=${encodeURIComponent(JSON.stringify(lines))}`;
  const summaryOf = (cookie?: string, headers: Record<string, string> = {}) =>
    fetch(URL_, { headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) } });

  it("signed out: no name, an empty cart and Bolt's public settings, stored by no cache", async () => {
    const response = await summaryOf();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      signedIn: false,
      cartCount: 0,
      signedOutNotice: null,
      bolt: { connectUrl: bolt.url, publishableKey: SANDBOX_CREDENTIALS.publishableKey },
    });
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("vary")).toMatch(/\bCookie\b/);
    expect(setCookies(response)).toEqual([]);
  });

  it("signed in with a cart: the name and the count of known products, and never a token", async () => {
    const shopper = await bolt.createShopper();
    const { cookie } = await signIn(shopper);
    const lines = [
      { id: "lh-mug", quantity: 2 },
      { id: "lh-tote", quantity: 1 },
      { id: "no-such-product", quantity: 5 },
    ];
    const response = await summaryOf(`${cookie}; ${cart(lines)}`);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      signedIn: true,
      email: shopper.email,
      firstName: expect.any(String),
      cartCount: 3,
    });
    const session = await unseal(cookie);
    for (const secret of [session.accessToken, session.refreshToken, session.sid])
      expect(text + [...response.headers].join("\n")).not.toContain(secret);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    // Reading the cookie is enough: no call to Bolt.
    const calls = (await bolt.requests({ email: shopper.email })).map((call) => call.path);
    expect(calls).toEqual(["/v1/testing/shopper/create", "/v1/oauth/token"]);
  });

  it("gives another site nothing to read: no CORS header, even for its Origin", async () => {
    const { cookie } = await signIn(await bolt.createShopper());
    const response = await summaryOf(cookie, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

describe("sign-in", () => {
  it("exchanges a fresh code: 200 with email and first name, a flagged cookie, and no token anywhere in the answer", async () => {
    const shopper = await bolt.createShopper();
    const { response, cookie } = await signIn(shopper);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ signedIn: true, email: shopper.email, firstName: expect.any(String) });
    expect(response.headers.get("cache-control")).toBe("no-store");
    // The storefront's own time and the wait on Bolt's token endpoint, apart.
    const timing = /^app;dur=(\d+\.\d\d);desc="Storefront", bolt;dur=(\d+\.\d\d);desc="Bolt"$/.exec(
      response.headers.get("server-timing") ?? "",
    );
    expect(timing).not.toBeNull();
    expect(Number(timing?.[2])).toBeGreaterThan(0);

    const [setCookie = ""] = setCookies(response);
    const attributes = setCookie
      .split("; ")
      .slice(1)
      .map((attribute) => attribute.split("=")[0]?.toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["path", "max-age", "httponly", "secure", "samesite"]));
    expect(attributes).not.toContain("domain");
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).toMatch(/; SameSite=lax/i);
    const bytes = new TextEncoder().encode(setCookie).length;
    console.info(`sign-in Set-Cookie: ${bytes} bytes of 4096`);
    expect(bytes).toBeLessThan(4096);

    const session = await unseal(cookie);
    expect(session).toMatchObject({
      v: 1,
      email: shopper.email,
      scope: "bolt.account.manage openid",
      refreshTokenScope: "bolt.account.view",
    });
    expect(session).not.toHaveProperty("idToken");
    for (const token of [session.accessToken, session.refreshToken]) {
      expect(text).not.toContain(token);
      expect([...response.headers].map(([, value]) => value).join("\n")).not.toContain(token);
    }
    expect(await tokenCalls(shopper.email, "authorization_code")).toHaveLength(1);
  });

  it("starts a brand-new session even when the browser already carries one", async () => {
    const first = await signIn(await bolt.createShopper());
    const shopper = await bolt.createShopper();
    const response = await postSession(signInBody(shopper.oauthCode), { ...SAME_ORIGIN, Cookie: first.cookie });
    const next = await unseal(sessionCookieOf(response) ?? "");
    const before = await unseal(first.cookie);
    expect(next.email).toBe(shopper.email);
    expect(next.sid).not.toBe(before.sid);
  });

  it("starts a new checkout at sign-in, so no one signs in to another's open order; a step-up keeps it", async () => {
    const earlier = `checkout_id=${"c".repeat(24)}`;
    const response = await postSession(signInBody((await bolt.createShopper()).oauthCode), {
      ...SAME_ORIGIN,
      Cookie: earlier,
    });
    const checkout = setCookies(response).filter((header) => header.startsWith("checkout_id="));
    expect(checkout).toEqual([expect.stringMatching(/^checkout_id=[\w-]{24}; /)]);
    expect(checkout[0]).not.toContain(earlier);
    expect(checkout[0]).toMatch(/HttpOnly/);

    const shopper = await bolt.createShopper();
    const { cookie } = await signIn(shopper);
    const confirmed = await postStepUp(await bolt.loginCode(shopper.email), `${cookie}; ${earlier}`);
    expect(confirmed.status).toBe(200);
    expect(setCookies(confirmed).some((header) => header.startsWith("checkout_id="))).toBe(false);
  });

  it("answers 422 for a code Bolt never issued", async () => {
    await expectRefused(await postSession(signInBody(`never-issued-${"a".repeat(30)}.${"b".repeat(43)}`)), 422);
  });

  it("answers 422 for a code already used at Bolt", async () => {
    const shopper = await bolt.createShopper();
    await bolt.exchangeCode(shopper.oauthCode, "openid");
    await expectRefused(await postSession(signInBody(shopper.oauthCode)), 422);
  });

  it("never sends a code to Bolt twice: a sequential replay gets 422 after one exchange", async () => {
    const shopper = await bolt.createShopper();
    await signIn(shopper);
    await expectRefused(await postSession(signInBody(shopper.oauthCode)), 422);
    expect(await tokenCalls(shopper.email, "authorization_code")).toHaveLength(1);
  });

  it("never sends a code to Bolt twice: of 5 concurrent posts from different clients, one signs in, the rest get 409 or 422 and no cookie", async () => {
    const shopper = await bolt.createShopper();
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) => postSession(signInBody(shopper.oauthCode, `client-${i}-nonce-0000000`))),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    for (const response of responses.filter((answer) => answer.status !== 200)) {
      // 409 while the winner's exchange runs, 422 once it has settled.
      expect([409, 422]).toContain(response.status);
      await expectRefused(response, response.status);
    }
    expect(await tokenCalls(shopper.email, "authorization_code")).toHaveLength(1);
  });

  it("a double submit from one tab (same nonce) settles to one session: every answer sets the same one", async () => {
    const shopper = await bolt.createShopper();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => postSession(signInBody(shopper.oauthCode, "same-tab-nonce-000001"))),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const sessions = await Promise.all(responses.map((response) => unseal(sessionCookieOf(response) ?? "")));
    expect(new Set(sessions.map((session) => session.sid)).size).toBe(1);
    expect(new Set(sessions.map((session) => session.refreshToken)).size).toBe(1);
    // A retry from that tab after the fact (its first answer lost) gets the same session too.
    const retry = await postSession(signInBody(shopper.oauthCode, "same-tab-nonce-000001"));
    expect((await unseal(sessionCookieOf(retry) ?? "")).sid).toBe(sessions[0]?.sid);
    expect(await tokenCalls(shopper.email, "authorization_code")).toHaveLength(1);
  });
});

describe("sign-in when Bolt's token endpoint misbehaves", () => {
  const faults: [name: string, status: 502 | 504, fault: Omit<FaultRuleInput, "path" | "email">][] = [
    ["hangs", 504, { hang: true }],
    ["answers 500", 502, { status: 500, body: "json" }],
    ["answers 502", 502, { status: 502, body: "html" }],
    ["answers 503", 502, { status: 503, body: "empty" }],
    ["answers 429", 502, { status: 429, body: "json" }],
    ["answers 403 request_forbidden", 502, { status: 403, body: "json" }],
    ["answers 200 with HTML", 502, { body: "html" }],
    ["answers 200 with truncated JSON", 502, { body: "malformed" }],
    ["answers 200 with nothing", 502, { body: "empty" }],
  ];

  it.each(faults)(
    "when it %s: %i, no cookie, one call, and the code is never retried",
    async (_name, status, fault) => {
      const shopper = await bolt.createShopper();
      const injected = await bolt.addFault({ path: "/v1/oauth/token", email: shopper.email, times: 1, ...fault });
      try {
        const started = Date.now();
        const response = await postSession(signInBody(shopper.oauthCode));
        const elapsed = Date.now() - started;
        await expectRefused(response, status);
        if (status === 504) expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
        await expectRefused(await postSession(signInBody(shopper.oauthCode)), 422);
        expect(await tokenCalls(shopper.email, "authorization_code")).toHaveLength(1);
      } finally {
        await injected.remove();
      }
    },
  );
});

describe("logout", () => {
  it("clears the session, the guest orders' access and the checkout under their names and attributes, and leaves the cart alone", async () => {
    const { cookie } = await signIn(await bolt.createShopper());
    const response = await send("DELETE", {
      Origin: STOREFRONT,
      "Sec-Fetch-Site": "same-origin",
      Cookie: `${cookie}; cart=%5B%5D; order_access=Fe26.2*2*sealed-access; checkout_id=${"c".repeat(24)}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ signedIn: false });
    expect(response.headers.get("cache-control")).toBe("no-store");
    const headers = setCookies(response);
    const remembered = headers.find((header) => header.startsWith("bolt_signed_out_here="));
    const cleared = headers.filter((header) => header !== remembered);
    expect(cleared.map((header) => header.split("=")[0]).sort()).toEqual([
      "bolt_session",
      "checkout_id",
      "order_access",
    ]);
    // Bolt's silent sign-in stays off here until the shopper signs in again.
    expect(remembered).toMatch(/^bolt_signed_out_here=1; Path=\/; .*Max-Age=2592000; Secure; HttpOnly; SameSite=lax/);
    for (const header of cleared) {
      expect(header).toMatch(/^\w+=; /);
      expect(header).toMatch(/Max-Age=0/);
      expect(header).toMatch(/Path=\//);
      expect(header).toMatch(/HttpOnly/);
      expect(header).toMatch(/SameSite=lax/i);
      expect(header).toMatch(/Secure/);
    }
  });

  it("is idempotent without a session", async () => {
    const response = await send("DELETE", { Origin: STOREFRONT });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ signedIn: false });
  });
});
