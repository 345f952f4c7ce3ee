import "server-only";
import { nextProxyCookies, type CookieJar } from "iron-session";
import type { NextRequest, NextResponse } from "next/server";
import { BoltError } from "@/lib/bolt";
import { getEnv } from "@/lib/env";
import { destroySession, readSession, writeSession } from "@/lib/session/store";
import { SignedOutError } from "./errors";
import { needsRefresh, refreshSession } from "./refresh";

/** Request header telling the page it was just signed out. Set by the proxy only; stripped if sent. */
export const SIGNED_OUT_HEADER = "x-bolt-signed-out";
/** Carries the notice to the next real navigation when the sign-out happened during a prefetch. */
export const SIGNED_OUT_COOKIE = "bolt_signed_out";

/** The notice cookie lives a minute: long enough for the next navigation, never a lasting mark. */
export function signedOutNoticeCookie() {
  return { httpOnly: true, secure: !getEnv().sessionCookieInsecure, sameSite: "lax", path: "/", maxAge: 60 } as const;
}

/** Router prefetches render pages nobody may look at; a notice shown there would be lost. */
function isPrefetch(request: NextRequest): boolean {
  const purpose = request.headers.get("sec-purpose") ?? request.headers.get("purpose") ?? "";
  return request.headers.has("next-router-prefetch") || purpose.includes("prefetch");
}

/** `"expired"` when Bolt refused the refresh token and the session was ended. */
async function refreshIfDue(jar: CookieJar): Promise<"expired" | undefined> {
  const current = await readSession(jar);
  if (current.status === "invalid") await destroySession(jar);
  if (current.status !== "valid" || !needsRefresh(current.session)) return undefined;
  try {
    await writeSession(jar, await refreshSession(current.session));
  } catch (error) {
    if (error instanceof SignedOutError) {
      await destroySession(jar);
      return "expired";
    }
    // Bolt trouble, or another instance still refreshing, keeps the session: the page shows a
    // degraded state if the token is spent, and the next load tries again.
    const reason =
      error instanceof BoltError ? `${error.name} ${error.status}` : error instanceof Error ? error.name : "unexpected";
    console.warn(`[session] refresh failed, session kept: ${reason}`);
  }
  return undefined;
}

/**
 * The proxy's session work for a page request, before it renders. Refreshes an access token that
 * is within a minute of expiry (one refresh per refresh token in this process), writing through
 * `nextProxyCookies` so the page rendered in this same request already sees the new tokens. Clears
 * a refused cookie; a visitor without one stays cookie-free. Returns whether the page should say
 * "you were signed out" — once, and never by redirecting, so there is no loop.
 *
 * `sink` collects the cookies to send; the caller copies them onto the response it builds.
 */
export async function syncPageSession(request: NextRequest, sink: NextResponse): Promise<{ signedOutNotice: boolean }> {
  // Page loads only: a server action refreshes for itself, and only when it must (see getFreshAccessToken).
  const pageLoad = request.method === "GET" || request.method === "HEAD";
  const expired = pageLoad && (await refreshIfDue(nextProxyCookies(request, sink))) === "expired";
  const notice = signedOutNoticeCookie();
  if (isPrefetch(request)) {
    if (expired) sink.cookies.set(SIGNED_OUT_COOKIE, "expired", notice);
    return { signedOutNotice: false };
  }
  const carried = request.cookies.has(SIGNED_OUT_COOKIE);
  if (carried) sink.cookies.set(SIGNED_OUT_COOKIE, "", { ...notice, maxAge: 0 });
  return { signedOutNotice: expired || carried };
}
