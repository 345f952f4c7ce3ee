import fc from "fast-check";
import { sealData, unsealData, webCookies } from "iron-session";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_ACCESS_TOKEN_LENGTH, MAX_REFRESH_TOKEN_LENGTH } from "@/lib/bolt/token-format";
import type { SessionData } from "./schema";
import { jwtShapedToken, sessionFields } from "./testing/sealed-cookie";
import { captureLog } from "@/lib/log/testing/capture";

const OLD = "old-password-0123456789abcdefghijklmnop";
const NEW = "new-password-0123456789abcdefghijklmnop";
const HOUR = 60 * 60 * 1000;

/** A fresh module graph with these variables, since getEnv() reads them once per graph. */
async function load(env: Record<string, string> = {}) {
  vi.resetModules();
  vi.unstubAllEnvs();
  vi.stubEnv("SESSION_PASSWORD", JSON.stringify({ 1: OLD, 2: NEW }));
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return { ...(await import("./cookie")), ...(await import("./denylist")) };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** A cookie jar over a web Request/Headers pair: real `Set-Cookie` strings, as a browser gets them. */
function jar(seal?: string, name = "bolt_session") {
  const headers = new Headers();
  const request = new Request("http://localhost/", {
    headers: seal === undefined ? {} : { cookie: `${name}=${seal}` },
  });
  return { jar: webCookies(request, headers), setCookies: () => headers.getSetCookie() };
}

const sealOf = (setCookie: string | undefined) => (setCookie ?? "").split(";")[0]?.split("=").slice(1).join("=") ?? "";

/** Bolt-sized tokens: two 43-character base64url halves, 87 characters. */
const fields = (overrides: Partial<SessionData> = {}) =>
  sessionFields({
    accessToken: `${"A".repeat(43)}.${"a".repeat(43)}`,
    refreshToken: `${"R".repeat(43)}.${"r".repeat(43)}`,
    ...overrides,
  });

async function sealed(
  store: Awaited<ReturnType<typeof load>>,
  session: SessionData,
): Promise<{ seal: string; setCookie: string }> {
  const out = jar();
  await store.writeSession(out.jar, session);
  const setCookie = out.setCookies()[0] ?? "";
  return { seal: sealOf(setCookie), setCookie };
}

describe("iron-session 9 on this Node", () => {
  it("seals and unseals, so its node >=22.13 engines warning is harmless here", async () => {
    const seal = await sealData({ hello: "world", at: 1 }, { password: NEW, ttl: 60 });
    expect(seal).toMatch(/^Fe26\.2\*1\*/);
    await expect(unsealData(seal, { password: NEW })).resolves.toEqual({ hello: "world", at: 1 });
    console.info(`iron-session 9.0.1 sealed and unsealed under Node ${process.version}`);
  });
});

describe("writeSession / readSession", () => {
  it("reads back exactly what was written", async () => {
    const store = await load();
    const session = store.newSession(fields());
    const { seal } = await sealed(store, session);
    await expect(store.readSession(jar(seal).jar)).resolves.toEqual({ status: "valid", session });
  });

  it("sets an HttpOnly, Secure, SameSite=Lax, Path=/ cookie without Domain, living as long as the session may", async () => {
    const store = await load();
    const { setCookie } = await sealed(store, store.newSession(fields()));
    expect(setCookie).toMatch(/^bolt_session=Fe26\.2\*2\*/);
    const attributes = setCookie.split("; ").slice(1);
    expect(attributes.sort()).toEqual(
      ["HttpOnly", `Max-Age=${12 * 60 * 60 - 60}`, "Path=/", "SameSite=Lax", "Secure"].sort(),
    );
  });

  it("uses the __Host- prefix on an https origin, and no Secure (nor prefix) with sessionCookieInsecure", async () => {
    const https = await load({ APP_ORIGIN: "https://shop.example.com" });
    expect((await sealed(https, https.newSession(fields()))).setCookie).toMatch(/^__Host-bolt_session=/);
    const insecure = await load({
      APP_ORIGIN: "https://shop.example.com",
      STOREFRONT_TUNING: JSON.stringify({ sessionCookieInsecure: true }),
    });
    const { setCookie } = await sealed(insecure, insecure.newSession(fields()));
    expect(setCookie).toMatch(/^bolt_session=/);
    expect(setCookie).not.toMatch(/Secure/);
  });

  it("never extends the absolute lifetime when a refresh reseals the session", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2030, 0, 1) });
    // A day of idle time, so only the absolute lifetime can end this session.
    const store = await load({ STOREFRONT_TUNING: JSON.stringify({ sessionIdleMinutes: 1440 }) });
    const session = store.newSession(fields());
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 10 * HOUR);
    const { seal, setCookie } = await sealed(store, { ...session, accessToken: "refreshed", seenAt: Date.now() });
    expect(setCookie).toMatch(/Max-Age=7140;/);
    await expect(store.readSession(jar(seal).jar)).resolves.toMatchObject({ status: "valid" });
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 12 * HOUR + 1000);
    await expect(store.readSession(jar(seal).jar)).resolves.toEqual({ status: "invalid" });
  });

  it("ends a session unused for sessionIdleMinutes, however much of its lifetime is left", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2030, 0, 1) });
    const store = await load({ STOREFRONT_TUNING: JSON.stringify({ sessionIdleMinutes: 30 }) });
    const { seal } = await sealed(store, store.newSession(fields()));
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 30 * 60_000);
    await expect(store.readSession(jar(seal).jar)).resolves.toMatchObject({ status: "valid" });
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 30 * 60_000 + 1);
    await expect(store.readSession(jar(seal).jar)).resolves.toEqual({ status: "invalid", idle: true });
  });

  it("keeps a session as long as it is used, up to its absolute lifetime", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2030, 0, 1) });
    const store = await load();
    let session = store.newSession(fields());
    for (let minute = 25; minute < 12 * 60; minute += 25) {
      vi.setSystemTime(Date.UTC(2030, 0, 1) + minute * 60_000);
      const { seal } = await sealed(store, session);
      const read = await store.readSession(jar(seal).jar);
      if (read.status !== "valid") throw new Error(`refused after ${minute} minutes of use`);
      session = store.touchSession(read.session);
    }
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 12 * HOUR + 1);
    const { seal } = await sealed(store, { ...session, seenAt: Date.now() - 1000 });
    await expect(store.readSession(jar(seal).jar)).resolves.toEqual({ status: "invalid" });
  });

  it.each([
    ["more than a minute in the future", () => Date.now() + 2 * 60_000],
    ["before the sign-in", () => Date.now() - 2 * HOUR],
  ])("refuses an idle stamp %s, which we never write", async (_case, seenAt) => {
    const store = await load();
    const session = { ...store.newSession(fields()), createdAt: Date.now() - HOUR };
    const seal = await sealData({ ...session, seenAt: seenAt() }, { password: { 2: NEW }, ttl: 3600 });
    await expect(store.readSession(jar(seal).jar)).resolves.toEqual({ status: "invalid" });
  });

  it("moves the idle stamp only when it is a minute old or more, so most requests rewrite nothing", async () => {
    const store = await load();
    const recent = { ...store.newSession(fields()), seenAt: Date.now() - 59_000 };
    expect(store.touchSession(recent)).toBe(recent);
    const stale = { ...recent, seenAt: Date.now() - 60_000 };
    const touched = store.touchSession(stale);
    expect(touched).toEqual({ ...stale, seenAt: touched.seenAt });
    expect(touched.seenAt).toBeGreaterThanOrEqual(Date.now() - 10);
  });

  it("refuses a session past its absolute lifetime even inside a valid seal", async () => {
    const store = await load();
    const old = { ...store.newSession(fields()), createdAt: Date.now() - 12 * HOUR - 1 };
    const seal = await sealData(old, { password: { 2: NEW }, ttl: 3600 });
    await expect(store.readSession(jar(seal).jar)).resolves.toEqual({ status: "invalid" });
  });

  it("refuses a sign-in time in the future", async () => {
    const store = await load();
    const future = { ...store.newSession(fields()), createdAt: Date.now() + 2 * HOUR };
    const seal = await sealData(future, { password: { 2: NEW }, ttl: 3600 });
    await expect(store.readSession(jar(seal).jar)).resolves.toEqual({ status: "invalid" });
  });

  it("reads no cookie as none", async () => {
    const store = await load();
    await expect(store.readSession(jar().jar)).resolves.toEqual({ status: "none" });
    await expect(store.readSession(jar("").jar)).resolves.toEqual({ status: "none" });
  });

  it("starts every sign-in with a new random id and clock", async () => {
    const store = await load();
    const first = store.newSession(fields());
    const second = store.newSession(fields());
    expect(first.sid).toMatch(/^[\w-]{22}$/);
    expect(first.sid).not.toBe(second.sid);
    expect(first.createdAt).toBeLessThanOrEqual(Date.now());
  });
});

describe("password rotation", () => {
  it("unseals with an older password id, seals with the newest, and refuses a removed or unknown id", async () => {
    const before = await load({ SESSION_PASSWORD: JSON.stringify({ 1: OLD }) });
    const { seal: oldSeal } = await sealed(before, before.newSession(fields()));
    expect(oldSeal).toMatch(/^Fe26\.2\*1\*/);

    const rotating = await load();
    await expect(rotating.readSession(jar(oldSeal).jar)).resolves.toMatchObject({ status: "valid" });
    const { seal: newSeal } = await sealed(rotating, rotating.newSession(fields()));
    expect(newSeal).toMatch(/^Fe26\.2\*2\*/);

    captureLog();
    const after = await load({ SESSION_PASSWORD: JSON.stringify({ 2: NEW }) });
    await expect(after.readSession(jar(newSeal).jar)).resolves.toMatchObject({ status: "valid" });
    await expect(after.readSession(jar(oldSeal).jar)).resolves.toEqual({ status: "invalid" });
    const unknown = await sealData(after.newSession(fields()), { password: { 3: "x".repeat(40) } });
    await expect(after.readSession(jar(unknown).jar)).resolves.toEqual({ status: "invalid" });
  });
});

describe("refused cookies read as signed out, never as an error", () => {
  const flip = (part: string) => part.slice(0, -2) + (part.at(-2) === "A" ? "B" : "A") + part.slice(-1);

  async function good() {
    const store = await load();
    captureLog();
    const { seal } = await sealed(store, store.newSession(fields()));
    return { store, seal, parts: seal.replace(/~2$/, "").split("*") };
  }

  it.each([
    [1, "the password id"],
    [2, "the encryption salt"],
    [3, "the IV"],
    [4, "the ciphertext"],
    [5, "the expiry"],
    [6, "the MAC salt"],
    [7, "the MAC"],
  ])("with part %i (%s) altered", async (index) => {
    const { store, parts } = await good();
    const altered = parts
      .map((part, i) => (i === index ? (index === 5 ? String(Number(part) + 1) : flip(part)) : part))
      .join("*");
    await expect(store.readSession(jar(altered).jar)).resolves.toEqual({ status: "invalid" });
  });

  it.each<[string, (parts: string[]) => string]>([
    ["the Fe26.1 prefix", (parts) => ["Fe26.1", ...parts.slice(1)].join("*")],
    ["7 parts", (parts) => parts.slice(0, 7).join("*")],
    ["9 parts", (parts) => [...parts, "extra"].join("*")],
    ["a non-numeric expiry", (parts) => parts.map((part, i) => (i === 5 ? "soon" : part)).join("*")],
    ["a truncated seal", (parts) => parts.join("*").slice(0, 100)],
    ["100 KB of garbage", () => "x".repeat(100_000)],
    ["a seal of a different app's password", () => ""],
  ])("with %s", async (_name, mangle) => {
    const { store, parts } = await good();
    const value = mangle(parts) || (await sealData({ v: 1 }, { password: { 2: "z".repeat(32) } }));
    await expect(store.readSession(jar(value).jar)).resolves.toEqual({ status: "invalid" });
  });

  it.each<[string, Record<string, unknown>]>([
    ["an unknown version", { v: 2 }],
    ["no access token", { accessToken: undefined }],
    ["a token with CR/LF", { accessToken: "abc\r\nX: y" }],
    ["an expiry as a string", { expiresAt: "tomorrow" }],
    ["an extra field (an id_token)", { idToken: "eyJ..." }],
    ["a bad session id", { sid: "short" }],
  ])("with a correctly sealed session holding %s", async (_name, change) => {
    const store = await load();
    const seal = await sealData({ ...store.newSession(fields()), ...change }, { password: { 2: NEW }, ttl: 3600 });
    await expect(store.readSession(jar(seal).jar)).resolves.toEqual({ status: "invalid" });
  });

  // Cutting only the trailing `~2` leaves a valid seal: the version marker sits outside the MAC.
  it("for any string at all (1000 fast-check runs)", async () => {
    const { store, seal } = await good();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((text) => `Fe26.2*2*${text}`),
          fc.nat(seal.length - 3).map((cut) => seal.slice(0, cut)),
        ),
        async (value) => {
          const read = await store.readSession(jar(encodeURIComponent(value)).jar);
          return read.status !== "valid";
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("after logout put the session id on the denylist", async () => {
    const store = await load();
    const session = store.newSession(fields());
    const { seal } = await sealed(store, session);
    await store.denySession(session.sid, Date.now() + HOUR);
    await expect(store.readSession(jar(seal).jar)).resolves.toEqual({ status: "invalid" });
    await expect(store.isSessionDenied("someone-else")).resolves.toBe(false);
  });
});

describe("destroySession", () => {
  it("clears the cookie under the same name and attributes", async () => {
    const store = await load();
    const out = jar();
    await store.destroySession(out.jar);
    expect(out.setCookies()).toEqual(["bolt_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax"]);
  });
});

describe("cookie size", () => {
  it.each([
    ["Bolt-sized opaque tokens (87 characters)", {}],
    ["a 2 KB JWT access token", { accessToken: jwtShapedToken(2048) }],
    [
      "a 2 KB JWT access token on an https origin (__Host- name)",
      { accessToken: jwtShapedToken(2048) },
      { APP_ORIGIN: "https://shop.example.com" },
    ],
    [
      "the longest tokens the app accepts from Bolt, on an https origin",
      { accessToken: jwtShapedToken(MAX_ACCESS_TOKEN_LENGTH), refreshToken: jwtShapedToken(MAX_REFRESH_TOKEN_LENGTH) },
      { APP_ORIGIN: "https://shop.example.com" },
    ],
  ])("stays under 4096 bytes with %s", async (name, change: Partial<SessionData>, env: Record<string, string> = {}) => {
    const store = await load(env);
    const { setCookie } = await sealed(store, store.newSession(fields(change)));
    const bytes = new TextEncoder().encode(setCookie).length;
    console.info(`Set-Cookie with ${name}: ${bytes} bytes (${Math.round((1 - bytes / 4096) * 100)}% headroom)`);
    expect(bytes).toBeLessThan(4096);
  });

  it("refuses, with a typed error and no cookie, a session that cannot fit (longest tokens and profile fields)", async () => {
    const store = await load({ APP_ORIGIN: "https://shop.example.com" });
    const session = store.newSession(
      fields({
        accessToken: jwtShapedToken(MAX_ACCESS_TOKEN_LENGTH),
        refreshToken: jwtShapedToken(MAX_REFRESH_TOKEN_LENGTH),
        sub: "s".repeat(256),
        email: `${"e".repeat(242)}@example.com`,
      }),
    );
    const out = jar();
    await expect(store.writeSession(out.jar, session)).rejects.toBeInstanceOf(store.SessionTooLargeError);
    expect(out.setCookies()).toEqual([]);
  });
});
