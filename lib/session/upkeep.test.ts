import { nextProxyCookies, unsealData } from "iron-session";
import { NextRequest, NextResponse } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BoltOAuthError, BoltUnavailableError } from "@/lib/bolt";
import { refreshTokens } from "@/lib/bolt/oauth";
import { getEnv } from "@/lib/env";
import { readSession } from "./cookie";
import { SessionSchema } from "./schema";
import { sealedCookie } from "./testing/sealed-cookie";
import { denySession } from "./denylist";
import { keepPageSession, signedOutNotice } from "./upkeep";
import { markSuperseded } from "./versions";
import { captureLog } from "@/lib/log/testing/capture";

const SIGNED_OUT_COOKIE = "bolt_signed_out";
/** A session the store ends keeps Bolt's silent sign-in off until the shopper signs in again. */
const SIGNED_OUT_HERE = /^bolt_signed_out_here=1; Path=\/; .*Max-Age=2592000/;

vi.mock("@/lib/bolt/oauth", () => ({ refreshTokens: vi.fn(), exchangeAuthorizationCode: vi.fn() }));
const upstream = vi.mocked(refreshTokens);

let logged: ReturnType<typeof captureLog>;
beforeEach(() => {
  upstream.mockReset();
  logged = captureLog();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function page(cookie?: string, headers: Record<string, string> = {}) {
  const request = new NextRequest("http://localhost:3210/checkout", {
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });
  const sink = NextResponse.next();
  /** The proxy's upkeep, then what the page rendered in the same request reads: its cookies, as the proxy left them. */
  const run = async () => {
    await keepPageSession(nextProxyCookies(request, sink), request);
    return { signedOutNotice: signedOutNotice({ read: (name) => request.cookies.get(name)?.value }, request.headers) };
  };
  return { request, sink, run, setCookies: () => sink.headers.getSetCookie() };
}

const rotated = {
  accessToken: "rotated-access",
  refreshToken: "rotated-refresh",
  expiresAt: Date.now() + 3_600_000,
  scope: "bolt.account.view",
};

describe("keepPageSession (the proxy's session work)", () => {
  it("leaves an anonymous visitor cookie-free", async () => {
    const visit = page();
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: null });
    expect(visit.setCookies()).toEqual([]);
  });

  it("does nothing while the access token has more than a minute left", async () => {
    const visit = page((await sealedCookie()).cookie);
    await visit.run();
    expect(visit.setCookies()).toEqual([]);
    expect(upstream).not.toHaveBeenCalled();
  });

  it("refreshes a token within a minute of expiry, and the page in the same request sees the new one", async () => {
    upstream.mockResolvedValue(rotated);
    const { cookie } = await sealedCookie({ expiresAt: Date.now() + 30_000 });
    const visit = page(cookie);
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: null });
    expect(upstream).toHaveBeenCalledTimes(1);
    const [setCookie] = visit.setCookies();
    expect(setCookie).toMatch(/^bolt_session=Fe26\.2\*.*; Path=\/; .*HttpOnly/);
    const forRender = await readSession({
      read: (name) => visit.request.cookies.get(name)?.value,
      write: () => undefined,
    });
    expect(forRender).toMatchObject({
      status: "valid",
      session: { accessToken: "rotated-access", refreshToken: "rotated-refresh", scope: "bolt.account.view" },
    });
  });

  it("clears a refused cookie without calling Bolt", async () => {
    const visit = page("bolt_session=Fe26.2*1*tampered");
    await visit.run();
    expect(visit.setCookies()).toEqual([
      expect.stringMatching(/^bolt_session=; Path=\/; Max-Age=0/),
      expect.stringMatching(SIGNED_OUT_HERE),
    ]);
    expect(upstream).not.toHaveBeenCalled();
  });

  it("ends the session on invalid_grant and tells the page once, without a redirect", async () => {
    upstream.mockRejectedValue(
      new BoltOAuthError("refreshTokens: Bolt answered 422 invalid_grant", 422, "invalid_grant"),
    );
    const visit = page((await sealedCookie({ expiresAt: Date.now() - 1000 })).cookie);
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: "expired" });
    expect(visit.setCookies()).toEqual([
      expect.stringMatching(/^bolt_session=; Path=\/; Max-Age=0/),
      expect.stringMatching(SIGNED_OUT_HERE),
      expect.stringMatching(new RegExp(`^${SIGNED_OUT_COOKIE}=expired; Path=/; Max-Age=0`)),
    ]);
    expect(visit.sink.headers.get("location")).toBeNull();
  });

  it("leaves an expired token to the next real page when a prefetch meets it: no refresh, no cookie", async () => {
    upstream.mockRejectedValue(
      new BoltOAuthError("refreshTokens: Bolt answered 422 invalid_grant", 422, "invalid_grant"),
    );
    const { cookie } = await sealedCookie({ expiresAt: Date.now() - 1000 });
    const prefetch = page(cookie, { "next-router-prefetch": "1" });
    await expect(prefetch.run()).resolves.toEqual({ signedOutNotice: null });
    expect(prefetch.setCookies()).toEqual([]);
    expect(upstream).not.toHaveBeenCalled();

    await expect(page(cookie).run()).resolves.toEqual({ signedOutNotice: "expired" });
    expect(upstream).toHaveBeenCalledTimes(1);
  });

  it("never refreshes for a prefetch, whose cookie could arrive after a newer one: the refresh token stays unspent", async () => {
    upstream.mockResolvedValue(rotated);
    const { cookie } = await sealedCookie({ expiresAt: Date.now() + 30_000 });
    const prefetch = page(cookie, { "next-router-prefetch": "1" });
    await prefetch.run();
    expect(prefetch.setCookies()).toEqual([]);
    expect(upstream).not.toHaveBeenCalled();
  });

  it("keeps the session when Bolt is down (5xx or timeout)", async () => {
    upstream.mockRejectedValue(new BoltUnavailableError("refreshTokens: Bolt answered 503", 503));
    const visit = page((await sealedCookie({ expiresAt: Date.now() + 10_000 })).cookie);
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: null });
    expect(visit.setCookies()).toEqual([]);
    expect(logged.lines()).toContainEqual(
      expect.objectContaining({ msg: "session: refresh failed, session kept", reason: "BoltUnavailableError 503" }),
    );
  });
});

describe("keepPageSession: never a cookie of a session that has been replaced", () => {
  const MINUTE = 60_000;
  /** A session whose idle stamp is due to move: a page load would rewrite its cookie. */
  const stale = () => sealedCookie({ createdAt: Date.now() - 60 * MINUTE, seenAt: Date.now() - 10 * MINUTE });

  it("writes nothing for a version another request's refresh replaced, which would bring back a spent token", async () => {
    const { cookie, session } = await stale();
    await markSuperseded(session);
    const visit = page(cookie);
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: null });
    expect(visit.setCookies()).toEqual([]);
  });

  it("refuses a session a sign-in replaced, without clearing the browser's newer cookie", async () => {
    const { cookie, session } = await stale();
    await denySession(session.sid, Date.now() + 60 * MINUTE, "replaced");
    const visit = page(cookie);
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: null });
    expect(visit.setCookies()).toEqual([]);
    const read = await readSession({ read: (name) => visit.request.cookies.get(name)?.value, write: () => undefined });
    expect(read).toEqual({ status: "invalid", replaced: true });
  });

  it("marks the version a refresh replaced, and writes the next one", async () => {
    upstream.mockResolvedValue(rotated);
    const { cookie } = await sealedCookie({ expiresAt: Date.now() + 30_000 });
    const first = page(cookie);
    await first.run();
    expect(first.setCookies()).toHaveLength(1);
    // The same cookie again, refreshed by the hand-off: the same next version, written again.
    upstream.mockClear();
    const again = page(cookie);
    await again.run();
    expect(upstream).not.toHaveBeenCalled();
    expect(again.setCookies()).toHaveLength(1);
  });
});

describe("keepPageSession: the idle timeout (sessionIdleMinutes, 30 by default)", () => {
  const MINUTE = 60_000;
  const ago = (ms: number) => ({ createdAt: Date.now() - 2 * 60 * MINUTE, seenAt: Date.now() - ms });
  const written = async (visit: ReturnType<typeof page>) => {
    const [setCookie = ""] = visit.setCookies();
    const seal = decodeURIComponent(setCookie.split(";")[0]?.split("=").slice(1).join("=") ?? "");
    return SessionSchema.parse(await unsealData(seal, { password: getEnv().sessionPasswords }));
  };

  it("ends a session unused for longer, clears its cookie, and says why, once", async () => {
    const visit = page((await sealedCookie(ago(30 * MINUTE + 1000))).cookie);
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: "idle" });
    expect(visit.setCookies()).toEqual([
      expect.stringMatching(/^bolt_session=; Path=\/; Max-Age=0/),
      expect.stringMatching(SIGNED_OUT_HERE),
      expect.stringMatching(new RegExp(`^${SIGNED_OUT_COOKIE}=idle; Path=/; Max-Age=0`)),
    ]);
    expect(upstream).not.toHaveBeenCalled();
  });

  it("leaves an idle session to the next real page, which says why, when a prefetch meets it", async () => {
    const { cookie } = await sealedCookie(ago(45 * MINUTE));
    const prefetch = page(cookie, { "next-router-prefetch": "1" });
    await expect(prefetch.run()).resolves.toEqual({ signedOutNotice: null });
    expect(prefetch.setCookies()).toEqual([]);
    await expect(page(cookie).run()).resolves.toEqual({ signedOutNotice: "idle" });
  });

  it("moves the stamp of a session last seen a minute ago or more, keeping everything else", async () => {
    const { session, cookie } = await sealedCookie(ago(29 * MINUTE));
    const visit = page(cookie);
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: null });
    const now = await written(visit);
    expect(now.seenAt).toBeGreaterThan(Date.now() - 5000);
    expect(now).toEqual({ ...session, seenAt: now.seenAt });
  });

  it("writes no cookie when the stamp is less than a minute old: rewrites stay rare", async () => {
    const visit = page((await sealedCookie(ago(50_000))).cookie);
    await visit.run();
    expect(visit.setCookies()).toEqual([]);
  });

  it("does not count a router prefetch as activity", async () => {
    const visit = page((await sealedCookie(ago(10 * MINUTE))).cookie, { "next-router-prefetch": "1" });
    await visit.run();
    expect(visit.setCookies()).toEqual([]);
  });

  it("refreshes and moves the stamp in one cookie", async () => {
    upstream.mockResolvedValue(rotated);
    const visit = page((await sealedCookie({ ...ago(5 * MINUTE), expiresAt: Date.now() + 30_000 })).cookie);
    await visit.run();
    expect(visit.setCookies()).toHaveLength(1);
    expect(await written(visit)).toMatchObject({ accessToken: "rotated-access", seenAt: expect.any(Number) });
    expect((await written(visit)).seenAt).toBeGreaterThan(Date.now() - 5000);
  });

  it("ignores a notice cookie with any other value", async () => {
    await expect(page(`${SIGNED_OUT_COOKIE}=<script>`).run()).resolves.toEqual({ signedOutNotice: null });
  });
});
