import { NextRequest, NextResponse } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BoltOAuthError, BoltUnavailableError } from "@/lib/bolt";
import { refreshTokens } from "@/lib/bolt/oauth";
import { readSession } from "@/lib/session/store";
import { sealedCookie } from "@/lib/session/testing/sealed-cookie";
import { SIGNED_OUT_COOKIE, syncPageSession } from "./page-session";

vi.mock("@/lib/bolt/oauth", () => ({ refreshTokens: vi.fn(), exchangeAuthorizationCode: vi.fn() }));
const upstream = vi.mocked(refreshTokens);

beforeEach(() => {
  upstream.mockReset();
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function page(cookie?: string, headers: Record<string, string> = {}) {
  const request = new NextRequest("http://localhost:3210/checkout", {
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });
  const sink = NextResponse.next();
  return { request, sink, run: () => syncPageSession(request, sink), setCookies: () => sink.headers.getSetCookie() };
}

const rotated = {
  accessToken: "rotated-access",
  refreshToken: "rotated-refresh",
  expiresAt: Date.now() + 3_600_000,
  scope: "bolt.account.view",
};

describe("syncPageSession (the proxy's session work)", () => {
  it("leaves an anonymous visitor cookie-free", async () => {
    const visit = page();
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: false });
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
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: false });
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
    expect(visit.setCookies()).toEqual([expect.stringMatching(/^bolt_session=; Path=\/; Max-Age=0/)]);
    expect(upstream).not.toHaveBeenCalled();
  });

  it("ends the session on invalid_grant and tells the page once, without a redirect", async () => {
    upstream.mockRejectedValue(
      new BoltOAuthError("refreshTokens: Bolt answered 422 invalid_grant", 422, "invalid_grant"),
    );
    const visit = page((await sealedCookie({ expiresAt: Date.now() - 1000 })).cookie);
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: true });
    expect(visit.setCookies()).toEqual([expect.stringMatching(/^bolt_session=; Path=\/; Max-Age=0/)]);
    expect(visit.sink.headers.get("location")).toBeNull();
  });

  it("keeps the notice for the next real page when the sign-out happened during a prefetch", async () => {
    upstream.mockRejectedValue(
      new BoltOAuthError("refreshTokens: Bolt answered 422 invalid_grant", 422, "invalid_grant"),
    );
    const prefetch = page((await sealedCookie({ expiresAt: Date.now() - 1000 })).cookie, {
      "next-router-prefetch": "1",
    });
    await expect(prefetch.run()).resolves.toEqual({ signedOutNotice: false });
    expect(prefetch.setCookies()).toContainEqual(
      expect.stringMatching(new RegExp(`^${SIGNED_OUT_COOKIE}=expired; Path=/;.* Max-Age=60;.* HttpOnly`)),
    );

    const next = page(`${SIGNED_OUT_COOKIE}=expired`);
    await expect(next.run()).resolves.toEqual({ signedOutNotice: true });
    expect(next.setCookies()).toEqual([expect.stringMatching(new RegExp(`^${SIGNED_OUT_COOKIE}=; Path=/; Max-Age=0`))]);
  });

  it("keeps the session when Bolt is down (5xx or timeout)", async () => {
    upstream.mockRejectedValue(new BoltUnavailableError("refreshTokens: Bolt answered 503", 503));
    const visit = page((await sealedCookie({ expiresAt: Date.now() + 10_000 })).cookie);
    await expect(visit.run()).resolves.toEqual({ signedOutNotice: false });
    expect(visit.setCookies()).toEqual([]);
    expect(console.warn).toHaveBeenCalledWith("[session] refresh failed, session kept: BoltUnavailableError 503");
  });
});
