import { describe, expect, it } from "vitest";
import { call, credentials, emulatorForFile } from "../test-client/vitest-harness";
import { escapeHtml } from "./login-modal-page";
import { isAllowedOrigin, isSelfOrigin } from "./origins";
import { SESSION_COOKIE } from "./sessions";

const harness = emulatorForFile({ BOLT_EMULATOR_ALLOWED_ORIGINS: "https://shop.example.com" });

const modalUrl = (params: Record<string, string>) => `${harness.url}/login-modal?${new URLSearchParams(params)}`;

const verify = (email: string, otp: string, origin = harness.url) =>
  call(`${harness.url}/connect/login/verify`, { json: { email, otp }, headers: { Origin: origin } });

describe("embed.js", () => {
  it("is served as cacheable JavaScript that any origin may load", async () => {
    const answer = await call(`${harness.url}/embed.js`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("cache-control")).toBe("public, max-age=300");
    expect(answer.text).toContain("window.Bolt = Bolt");
  });
});

describe("GET /login-modal", () => {
  it("may only be framed by the storefront origin it was opened for", async () => {
    const answer = await call(
      modalUrl({
        origin: "http://localhost:3000",
        key: credentials(harness).publishableKey,
        email: "alice@example.com",
      }),
    );
    expect(answer.status).toBe(200);
    const csp = String(answer.headers.get("content-security-policy"));
    expect(csp).toContain("frame-ancestors http://localhost:3000");
    expect(csp).toContain("script-src 'self'");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.text).toContain('role="dialog"');
    expect(answer.text).toContain('aria-modal="true"');
    expect(answer.text).toContain('autocomplete="one-time-code"');
    expect(answer.text).toContain('inputmode="numeric"');
    expect(answer.text).toContain("Sandbox: your code is <strong>123456</strong>");
  });

  it("allows origins from BOLT_EMULATOR_ALLOWED_ORIGINS", async () => {
    const answer = await call(
      modalUrl({ origin: "https://shop.example.com", key: credentials(harness).publishableKey }),
    );
    expect(answer.headers.get("content-security-policy")).toContain("frame-ancestors https://shop.example.com");
  });

  it.each(["https://evil.example", "http://localhost:3000/path", "null", "javascript:alert(1)"])(
    "refuses to be framed for %s",
    async (origin) => {
      const answer = await call(modalUrl({ origin, key: credentials(harness).publishableKey }));
      expect(answer.status).toBe(400);
      expect(answer.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    },
  );

  it("explains an unknown publishable key inside the modal", async () => {
    const answer = await call(modalUrl({ origin: "http://localhost:3000", key: "x.y.z" }));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("Unknown publishable key");
    expect(answer.text).not.toContain('id="otp"');
  });

  it("drops an email that is not one rather than echoing it", async () => {
    const answer = await call(
      modalUrl({
        origin: "http://localhost:3000",
        key: credentials(harness).publishableKey,
        email: '"><script>alert(1)</script>',
      }),
    );
    expect(answer.text).not.toContain("<script>alert");
    expect(answer.text).toContain('data-email=""');
  });

  it("escapes HTML in what it echoes", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("POST /connect/login/verify", () => {
  it("mints a single-use code for the right one-time code and opens a Bolt session", async () => {
    const shopper = await harness.client.createShopper();
    const answer = await verify(shopper.email, "123456");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ email: shopper.email, scope: "bolt.account.manage openid" });
    const cookie = String(answer.headers.get("set-cookie"));
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const tokens = await harness.client.exchangeCode(String(answer.body.authorizationCode));
    expect(tokens.scope).toBe("bolt.account.manage openid");
  });

  it("counts wrong codes down and locks the email after 5", async () => {
    const shopper = await harness.client.createShopper();
    for (const left of [4, 3, 2, 1]) {
      const answer = await verify(shopper.email, "000000");
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: "invalid_code", attemptsLeft: left });
      expect(String(answer.body.message)).toContain(`${left} attempt`);
    }
    const fifth = await verify(shopper.email, "000000");
    expect(fifth.status).toBe(429);
    expect(fifth.body).toMatchObject({ error: "locked", retryAfterSeconds: 900 });
    const locked = await verify(shopper.email, "123456");
    expect(locked.status).toBe(429);
    expect((await verify("bob@example.com", "123456")).status).toBe(200);
  });

  it("resets the count after a right code", async () => {
    const shopper = await harness.client.createShopper();
    await verify(shopper.email, "000000");
    await verify(shopper.email, "123456");
    expect((await verify(shopper.email, "000000")).body.attemptsLeft).toBe(4);
  });

  it("refuses other origins, unknown emails and malformed bodies", async () => {
    expect((await verify("alice@example.com", "123456", "http://localhost:3000")).status).toBe(403);
    expect((await verify("nobody@example.com", "123456")).status).toBe(404);
    expect((await verify("alice@example.com", "12345")).status).toBe(422);
  });
});

describe("Bolt session: silent login and logout", () => {
  it("turns the session cookie into a fresh code for an allowed origin, until logout", async () => {
    const login = await verify("carol@example.com", "123456");
    const cookie = String(login.headers.get("set-cookie")).split(";")[0] ?? "";
    const silent = () =>
      call(`${harness.url}/connect/login/silent`, {
        method: "POST",
        headers: { Origin: "http://localhost:3000", Cookie: cookie },
      });

    const first = await silent();
    expect(first.status).toBe(200);
    expect(first.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(first.headers.get("access-control-allow-credentials")).toBe("true");
    expect(first.body).toMatchObject({ email: "carol@example.com", scope: "bolt.account.manage openid" });
    await harness.client.exchangeCode(String(first.body.authorizationCode));

    const logout = await call(`${harness.url}/connect/logout`, {
      method: "POST",
      headers: { Origin: "http://localhost:3000", Cookie: cookie },
    });
    expect(logout.status).toBe(204);
    expect(String(logout.headers.get("set-cookie"))).toContain("Max-Age=0");
    expect((await silent()).body).toEqual({});
  });

  it("refuses origins that are not allowed", async () => {
    const answer = await call(`${harness.url}/connect/login/silent`, {
      method: "POST",
      headers: { Origin: "https://evil.example" },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("isSelfOrigin", () => {
  it.each([
    ["http://localhost:4010", "localhost:4010", true],
    ["https://bolt.test", "bolt.test", true],
    ["http://localhost:4011", "localhost:4010", false],
    ["http://localhost:3000", "localhost:4010", false],
    [undefined, "localhost:4010", false],
    ["http://localhost:4010", undefined, false],
  ])("%s from host %s → %s", (origin, host, expected) => {
    expect(isSelfOrigin(origin, host)).toBe(expected);
  });
});

describe("isAllowedOrigin", () => {
  it.each([
    ["http://localhost:3000", true],
    ["http://localhost", true],
    ["http://127.0.0.1:54321", true],
    ["https://localhost:8443", true],
    ["https://127.0.0.1:8443", false],
    ["http://localhost.evil.example", false],
    ["http://localhost:3000/", false],
    ["https://shop.example.com", true],
    ["http://shop.example.com", false],
  ])("%s → %s", (origin, expected) => {
    expect(isAllowedOrigin(origin, ["https://shop.example.com"])).toBe(expected);
  });
});
