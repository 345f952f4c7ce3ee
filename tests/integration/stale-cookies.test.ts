import { describe, expect, it } from "vitest";
import {
  bolt,
  forge,
  loadPage,
  postSession,
  postStepUp,
  SAME_ORIGIN,
  SESSION_COOKIE,
  sessionCookieOf,
  setCookies,
  signIn,
  signInBody,
  STOREFRONT,
  tokenCalls,
  unseal,
} from "./helpers";

// A response built from an older session must never replace a newer cookie. A page's prefetch, sent
// with the cookie the browser had, can be answered after a sign-in, step-up, refresh or logout made
// meanwhile; a slow page load too. Each case replays that order over raw HTTP: the browser keeps the
// last Set-Cookie it receives, so the late answer must set none.

/** What Next's router sends when it prefetches a page. */
const PREFETCH = { "Next-Router-Prefetch": "1", RSC: "1" };

function prefetch(cookie: string, path = "/cart"): Promise<Response> {
  return fetch(`${STOREFRONT}${path}`, { headers: { Cookie: cookie, ...PREFETCH }, redirect: "manual" });
}

/** Who the static pages' header says is signed in with this cookie. */
async function whoIs(cookie: string): Promise<string | null> {
  const response = await fetch(`${STOREFRONT}/api/bolt/session`, { headers: { Cookie: cookie } });
  const body = (await response.json()) as { signedIn: boolean; email?: string };
  return body.signedIn ? (body.email ?? null) : null;
}

/** A signed-in shopper whose access tokens live 2 seconds: every page load wants to refresh it. */
async function refreshDue() {
  const shopper = await bolt.createShopper();
  await bolt.setLifetimes(shopper.email, { accessTokenTtlSeconds: 2 });
  const { cookie } = await signIn(shopper);
  return { shopper, cookie };
}

describe("a late answer built from an older session sets no cookie", () => {
  it("after a sign-in as someone else: the prefetch and a page load with the old cookie leave the new one", async () => {
    const before = await refreshDue();
    const other = await bolt.createShopper();
    const signedIn = await postSession(signInBody(other.oauthCode), { ...SAME_ORIGIN, Cookie: before.cookie });
    const newer = sessionCookieOf(signedIn) ?? "";
    expect(await whoIs(newer)).toBe(other.email);

    expect(setCookies(await prefetch(before.cookie))).toEqual([]);
    expect(setCookies(await loadPage(before.cookie, "/cart"))).toEqual([]);
    expect(await tokenCalls(before.shopper.email, "refresh_token")).toEqual([]);
    expect(await whoIs(newer)).toBe(other.email);
  });

  it("after a step-up: the cookie copied before it is refused everywhere, late answers change nothing", async () => {
    const before = await refreshDue();
    const stepped = await postStepUp(await bolt.loginCode(before.shopper.email), before.cookie);
    expect(stepped.status).toBe(200);
    const newer = sessionCookieOf(stepped) ?? "";

    expect(setCookies(await prefetch(before.cookie))).toEqual([]);
    expect(setCookies(await loadPage(before.cookie, "/cart"))).toEqual([]);
    // The copy is signed out; the browser's new cookie is not.
    expect(await whoIs(before.cookie)).toBeNull();
    expect(await whoIs(newer)).toBe(before.shopper.email);
    const logout = await fetch(`${STOREFRONT}/api/bolt/session`, {
      method: "DELETE",
      headers: { Origin: STOREFRONT, Cookie: newer },
    });
    expect(logout.status).toBe(200);
    expect(await whoIs(before.cookie)).toBeNull();
    expect(await whoIs(newer)).toBeNull();
  });

  it("around a refresh: a prefetch never refreshes, and the version a refresh replaced is never written again", async () => {
    const { shopper, cookie } = await refreshDue();
    // A prefetch can't hand rotated tokens back to the browser: it leaves the refresh token unspent.
    expect(setCookies(await prefetch(cookie))).toEqual([]);
    expect(await tokenCalls(shopper.email, "refresh_token")).toEqual([]);

    await bolt.setLifetimes(shopper.email, { accessTokenTtlSeconds: 3600 });
    const refreshed = await loadPage(cookie, "/cart");
    const newer = sessionCookieOf(refreshed) ?? "";
    const old = await unseal(cookie);
    expect(await unseal(newer)).toMatchObject({ sid: old.sid, ver: 1 });
    expect(setCookies(await prefetch(cookie))).toEqual([]);

    // A slower page load of the old version whose idle stamp was due: its answer would have put the
    // spent refresh token back.
    const minutesAgo = (minutes: number) => Date.now() - minutes * 60_000;
    const lateLoad = await forge({
      ...old,
      expiresAt: Date.now() + 3_600_000,
      createdAt: minutesAgo(10),
      seenAt: minutesAgo(5),
    });
    expect(setCookies(await loadPage(lateLoad, "/cart"))).toEqual([]);
    expect(await whoIs(newer)).toBe(shopper.email);
  });

  it("after a logout: the prefetch sent before it clears nothing and says nothing", async () => {
    const { cookie } = await refreshDue();
    const logout = await fetch(`${STOREFRONT}/api/bolt/session`, {
      method: "DELETE",
      headers: { Origin: STOREFRONT, Cookie: cookie },
    });
    expect(setCookies(logout)).toContainEqual(expect.stringMatching(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`)));
    expect(setCookies(await prefetch(cookie))).toEqual([]);
    expect(await whoIs(cookie)).toBeNull();
  });
});
