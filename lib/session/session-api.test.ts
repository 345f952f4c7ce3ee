import type { CookieJar } from "iron-session";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { BoltApiError, BoltOAuthError, BoltUnavailableError } from "@/lib/bolt";
import { refreshTokens } from "@/lib/bolt/oauth";
import { SignedOutError, StepUpRequiredError } from "./errors";
import { sealedCookie } from "./testing/sealed-cookie";
import { endRefusedSession, signedOutNotice, withAccessToken } from "./upkeep";
import { getAccessTokenForRender, getSessionView } from "./view";
import { captureLog } from "@/lib/log/testing/capture";

// Next's request APIs, as a server action or a Server Component sees them.
const request = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  writes: [] as { name: string; value: string; maxAge?: number }[],
  headers: new Headers(),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) ?? "" } : undefined),
    set: (name: string, value: string, options: { maxAge?: number }) => {
      request.writes.push({ name, value, maxAge: options.maxAge });
      request.cookies.set(name, value);
    },
  }),
  headers: async () => request.headers,
}));
vi.mock("@/lib/bolt/oauth", () => ({ refreshTokens: vi.fn(), exchangeAuthorizationCode: vi.fn() }));
/** What a server action hands lib/: a jar on the same cookies. */
const jar: CookieJar = {
  read: (name) => request.cookies.get(name),
  write: (name, value, options) => {
    request.writes.push({ name, value, maxAge: options?.maxAge });
    request.cookies.set(name, value);
  },
};
/** The access token an action's Bolt call would be given. */
const freshToken = (need: "view" | "manage") => withAccessToken(jar, need, async (token) => token);
const upstream = vi.mocked(refreshTokens);

async function signedIn(overrides: Parameters<typeof sealedCookie>[0] = {}) {
  const { cookie, session } = await sealedCookie(overrides);
  request.cookies.set("bolt_session", cookie.slice("bolt_session=".length));
  return session;
}

beforeEach(() => {
  request.cookies.clear();
  request.writes.length = 0;
  request.headers = new Headers();
  upstream.mockReset();
  captureLog();
});

const CLEARED = { name: "bolt_session", value: "", maxAge: 0 };
/** A session the store ends keeps Bolt's silent sign-in off until the shopper signs in again. */
const SIGNED_OUT_HERE = { name: "bolt_signed_out_here", value: "1", maxAge: 30 * 24 * 60 * 60 };

describe("getSessionView", () => {
  it("is signed out without a cookie, and with a refused one", async () => {
    await expect(getSessionView()).resolves.toEqual({ signedIn: false });
    request.cookies.set("bolt_session", "Fe26.2*garbage");
    await expect(getSessionView()).resolves.toEqual({ signedIn: false });
  });

  it("describes the session without any token", async () => {
    const session = await signedIn();
    const view = await getSessionView();
    expect(view).toEqual({
      signedIn: true,
      sub: "shopper_alice",
      email: "alice@example.com",
      firstName: "Alice",
      canManage: true,
      tokenFresh: true,
    });
    expect(JSON.stringify(view)).not.toContain(session.accessToken);
    expect(JSON.stringify(view)).not.toContain(session.refreshToken);
  });

  it("says a refreshed (view-only) or expired session can't edit or call Bolt", async () => {
    await signedIn({ scope: "bolt.account.view", expiresAt: Date.now() - 1 });
    await expect(getSessionView()).resolves.toMatchObject({ signedIn: true, canManage: false, tokenFresh: false });
  });
});

describe("getAccessTokenForRender", () => {
  it("returns a usable token, and null for an expired one or none: rendering never refreshes", async () => {
    await expect(getAccessTokenForRender()).resolves.toBeNull();
    const session = await signedIn();
    await expect(getAccessTokenForRender()).resolves.toBe(session.accessToken);
    await signedIn({ expiresAt: Date.now() + 1000 });
    await expect(getAccessTokenForRender()).resolves.toBeNull();
    expect(upstream).not.toHaveBeenCalled();
    expect(request.writes).toEqual([]);
  });
});

describe("signedOutNotice", () => {
  it("reads the notice cookie the upkeep left, but not for a prefetch", async () => {
    expect(signedOutNotice(jar, request.headers)).toBeNull();
    request.cookies.set("bolt_signed_out", "expired");
    expect(signedOutNotice(jar, request.headers)).toBe("expired");
    expect(signedOutNotice(jar, new Headers({ "next-router-prefetch": "1" }))).toBeNull();
  });
});

describe("withAccessToken: the token it hands the call", () => {
  it("throws SignedOutError without a session, and clears a refused cookie", async () => {
    await expect(freshToken("view")).rejects.toBeInstanceOf(SignedOutError);
    request.cookies.set("bolt_session", "nonsense");
    await expect(freshToken("view")).rejects.toBeInstanceOf(SignedOutError);
    expect(request.writes).toEqual([CLEARED, SIGNED_OUT_HERE]);
  });

  it("returns the token as is while it has more than a minute left", async () => {
    const session = await signedIn();
    await expect(freshToken("manage")).resolves.toBe(session.accessToken);
    expect(upstream).not.toHaveBeenCalled();
  });

  it("refreshes and saves first when the token is about to expire", async () => {
    upstream.mockResolvedValue({
      accessToken: "fresh",
      refreshToken: "rt-2",
      expiresAt: Date.now() + 3_600_000,
      scope: "bolt.account.view",
    });
    await signedIn({ expiresAt: Date.now() + 20_000 });
    await expect(freshToken("view")).resolves.toBe("fresh");
    expect(request.writes).toHaveLength(1);
    await expect(getSessionView()).resolves.toMatchObject({ canManage: false });
  });

  it("asks for a step-up when an edit needs manage but the token is view-only", async () => {
    await signedIn({ scope: "bolt.account.view" });
    await expect(freshToken("manage")).rejects.toBeInstanceOf(StepUpRequiredError);
    await expect(freshToken("view")).resolves.toEqual(expect.any(String));
  });

  it("signs out on invalid_grant", async () => {
    upstream.mockRejectedValue(
      new BoltOAuthError("refreshTokens: Bolt answered 422 invalid_grant", 422, "invalid_grant"),
    );
    await signedIn({ expiresAt: Date.now() - 1 });
    await expect(freshToken("view")).rejects.toBeInstanceOf(SignedOutError);
    expect(request.writes).toEqual([CLEARED, SIGNED_OUT_HERE]);
  });

  it("keeps the session through Bolt trouble: the current token while still usable, else Bolt's error", async () => {
    upstream.mockRejectedValue(new BoltUnavailableError("refreshTokens: Bolt answered 503", 503));
    const session = await signedIn({ expiresAt: Date.now() + 30_000 });
    await expect(freshToken("view")).resolves.toBe(session.accessToken);
    await signedIn({ expiresAt: Date.now() - 1 });
    await expect(freshToken("view")).rejects.toBeInstanceOf(BoltUnavailableError);
    expect(request.writes).toEqual([]);
  });
});

describe("withAccessToken", () => {
  const refused = new BoltApiError("getAccount: Bolt answered 403 (code 18)", 403, 18, "This action is forbidden.");

  it("hands the call a fresh token and returns its result", async () => {
    const session = await signedIn();
    await expect(withAccessToken(jar, "view", async (token) => `used ${token}`)).resolves.toBe(
      `used ${session.accessToken}`,
    );
  });

  it.each([
    ["403 with code 18", refused],
    ["401", new BoltApiError("getAccount: Bolt answered 401 (code 1002)", 401, 1002)],
  ])("ends the session when Bolt refuses the token (%s)", async (_name, error) => {
    await signedIn();
    await expect(withAccessToken(jar, "view", () => Promise.reject(error))).rejects.toBeInstanceOf(SignedOutError);
    expect(request.writes).toEqual([CLEARED, SIGNED_OUT_HERE]);
  });

  it("asks for a step-up, keeping the session, when Bolt says the token lacks the scope", async () => {
    await signedIn();
    const scope = new BoltApiError("addAddress: Bolt answered 403 (code 1003)", 403, 1003, "needs bolt.account.manage");
    await expect(withAccessToken(jar, "manage", () => Promise.reject(scope))).rejects.toBeInstanceOf(
      StepUpRequiredError,
    );
    expect(request.writes).toEqual([]);
  });

  it("rethrows other failures as they are, keeping the session", async () => {
    await signedIn();
    const outage = new BoltUnavailableError("getAccount: Bolt answered 503", 503);
    await expect(withAccessToken(jar, "view", () => Promise.reject(outage))).rejects.toBe(outage);
    expect(request.writes).toEqual([]);
  });
});

describe("endRefusedSession", () => {
  it("clears the cookie and leaves a one-minute notice for the next page", async () => {
    await signedIn();
    await endRefusedSession(jar);
    expect(request.writes).toEqual([
      CLEARED,
      SIGNED_OUT_HERE,
      { name: "bolt_signed_out", value: "expired", maxAge: 60 },
    ]);
    await expect(getSessionView()).resolves.toEqual({ signedIn: false });
  });
});
