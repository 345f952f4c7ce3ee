import { sealData, webCookies } from "iron-session";
import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "@/lib/log/testing/capture";

// The merchant's session on its own, with a real cookie jar: what a browser gets, and what opens the desk.

const PASSWORD = "shop-session-password-0123456789abcdef";

/** A fresh module graph with these variables, since getEnv() reads them once per graph. */
async function load(env: Record<string, string> = {}) {
  vi.resetModules();
  vi.unstubAllEnvs();
  vi.stubEnv("SESSION_PASSWORD", PASSWORD);
  vi.stubEnv("REDIS_URL", "");
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return { ...(await import("./session")), ...(await import("@/lib/session/sealing")) };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function jar(cookie?: string) {
  const headers = new Headers();
  const request = new Request("http://localhost/admin", { headers: cookie ? { cookie } : {} });
  return { jar: webCookies(request, headers), setCookies: () => headers.getSetCookie() };
}

/** Signs in and returns the `name=value` the browser sends back, and the whole Set-Cookie line. */
async function signedIn(desk: Awaited<ReturnType<typeof load>>) {
  const out = jar();
  await desk.startMerchantSession(out.jar);
  const [line = ""] = out.setCookies();
  return { cookie: line.split(";")[0]!, line };
}

describe("the merchant's session cookie", () => {
  it("is __Host-admin_session on an https store, admin_session on plain http", async () => {
    const desk = await load();
    expect(desk.merchantCookieName({ appOrigin: "https://shop.example.com", sessionCookieInsecure: false })).toBe(
      "__Host-admin_session",
    );
    expect(desk.merchantCookieName({ appOrigin: "http://localhost:3000", sessionCookieInsecure: false })).toBe(
      "admin_session",
    );
  });

  it("opens what it sealed, for 8 hours from sign-in", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-06T09:00:00Z"), toFake: ["Date"] });
    const desk = await load();
    const { cookie, line } = await signedIn(desk);
    expect(line).toMatch(/; Max-Age=28740; .*HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict(;|$)/i);
    const session = await desk.readMerchantSession(jar(cookie).jar);
    expect(session).toMatchObject({ v: 1, createdAt: Date.now() });

    vi.setSystemTime(Date.now() + desk.MERCHANT_SESSION_MS - 1000);
    expect(await desk.readMerchantSession(jar(cookie).jar)).toEqual(session);
    vi.setSystemTime(Date.now() + 2000);
    expect(await desk.readMerchantSession(jar(cookie).jar)).toBeUndefined();
  });

  it("opens nothing sealed with another key: the shop's session password, or another purpose's", async () => {
    const desk = await load();
    const fields = { v: 1, sid: "s".repeat(22), createdAt: Date.now() };
    const logged = captureLog();
    for (const password of [{ 1: PASSWORD }, desk.derivedPasswords("order-access")]) {
      const seal = await sealData(fields, { password, ttl: 3600 });
      expect(await desk.readMerchantSession(jar(`admin_session=${seal}`).jar)).toBeUndefined();
    }
    const own = await sealData(fields, { password: desk.derivedPasswords("admin-session"), ttl: 3600 });
    expect(await desk.readMerchantSession(jar(`admin_session=${own}`).jar)).toEqual(fields);
    expect(logged.lines().map((line) => line.event)).toEqual(["cookie_refused", "cookie_refused"]);
  });

  it("opens no other shape sealed with its key, and no session started in the future", async () => {
    const desk = await load();
    captureLog();
    const password = desk.derivedPasswords("admin-session");
    for (const fields of [
      { v: 1, sid: "s".repeat(22), createdAt: Date.now(), role: "owner" },
      { v: 2, sid: "s".repeat(22), createdAt: Date.now() },
      { v: 1, sid: "s".repeat(22), createdAt: Date.now() + 10 * 60_000 },
    ]) {
      const seal = await sealData(fields, { password, ttl: 3600 });
      expect(await desk.readMerchantSession(jar(`admin_session=${seal}`).jar)).toBeUndefined();
    }
  });

  it("is refused everywhere once signed out, a copy included, and the cookie is cleared", async () => {
    const desk = await load();
    const { cookie } = await signedIn(desk);
    const session = await desk.readMerchantSession(jar(cookie).jar);
    const out = jar(cookie);
    captureLog();
    await desk.endMerchantSession(out.jar, session);
    expect(out.setCookies()).toEqual([expect.stringMatching(/^admin_session=; .*Max-Age=0/)]);
    expect(await desk.readMerchantSession(jar(cookie).jar)).toBeUndefined();
  });
});
