import "server-only";
import { nextProxyCookies, type CookieJar } from "iron-session";
import type { NextRequest, NextResponse } from "next/server";
import { BoltError } from "@/lib/bolt";
import { getEnv } from "@/lib/env";
import { destroySession, readSession, touchSession, writeSession } from "@/lib/session/cookie";
import { SignedOutError } from "./errors";
import { needsRefresh, refreshSession } from "./refresh";

/** Request header telling the page it was just signed out, and why. Set by the proxy only; stripped if sent. */
export const SIGNED_OUT_HEADER = "x-bolt-signed-out";
/** Carries the notice to the next real navigation when the sign-out happened during a prefetch. */
export const SIGNED_OUT_COOKIE = "bolt_signed_out";

/**
 * Why a session just ended, for the one-time notice: `expired` when Bolt refused to renew it,
 * `idle` when it went unused for SESSION_IDLE_MINUTES.
 */
export type SignedOutReason = "expired" | "idle";

export function signedOutReason(value: string | null | undefined): SignedOutReason | null {
  return value === "expired" || value === "idle" ? value : null;
}

/** The notice cookie lives a minute: long enough for the next navigation, never a lasting mark. */
export function signedOutNoticeCookie() {
  return { httpOnly: true, secure: !getEnv().sessionCookieInsecure, sameSite: "lax", path: "/", maxAge: 60 } as const;
}

/** Router prefetches render pages nobody may look at; a notice shown there would be lost. */
function isPrefetch(request: NextRequest): boolean {
  const purpose = request.headers.get("sec-purpose") ?? request.headers.get("purpose") ?? "";
  return request.headers.has("next-router-prefetch") || purpose.includes("prefetch");
}

/**
 * Ends a refused or idle session, refreshes a token about to expire, and moves the idle stamp when a
 * shopper's page load (`active`; not a prefetch, which nobody asked for) finds it a minute old or
 * more. Returns why the session just ended, when the shopper should be told.
 */
async function refreshIfDue(jar: CookieJar, active: boolean): Promise<SignedOutReason | undefined> {
  const current = await readSession(jar);
  if (current.status === "invalid") await destroySession(jar);
  if (current.status !== "valid") return current.status === "invalid" && current.idle ? "idle" : undefined;
  const session = active ? touchSession(current.session) : current.session;
  if (!needsRefresh(session)) {
    if (session !== current.session) await writeSession(jar, session);
    return undefined;
  }
  try {
    await writeSession(jar, await refreshSession(session));
  } catch (error) {
    if (error instanceof SignedOutError) {
      await destroySession(jar);
      return "expired";
    }
    // Bolt trouble, or another instance still refreshing, keeps the session: the page shows a
    // degraded state if the token is spent, and the next load tries again.
    if (session !== current.session) await writeSession(jar, session);
    const reason =
      error instanceof BoltError ? `${error.name} ${error.status}` : error instanceof Error ? error.name : "unexpected";
    console.warn(`[session] refresh failed, session kept: ${reason}`);
  }
  return undefined;
}

/**
 * The proxy's session work for a page request, before it renders. Ends a session idle for too long,
 * refreshes an access token that is within a minute of expiry (one refresh per refresh token in this
 * process) and keeps the idle stamp current, writing through `nextProxyCookies` so the page rendered
 * in this same request already sees the new cookie. Clears a refused cookie; a visitor without one
 * stays cookie-free. Returns whether the page should say "you were signed out", and why — once, and
 * never by redirecting, so there is no loop.
 *
 * `sink` collects the cookies to send; the caller copies them onto the response it builds.
 */
export async function syncPageSession(
  request: NextRequest,
  sink: NextResponse,
): Promise<{ signedOutNotice: SignedOutReason | null }> {
  // Page loads only: a server action refreshes for itself, and only when it must (see getFreshAccessToken).
  const pageLoad = request.method === "GET" || request.method === "HEAD";
  const prefetch = isPrefetch(request);
  const ended = pageLoad ? await refreshIfDue(nextProxyCookies(request, sink), !prefetch) : undefined;
  const notice = signedOutNoticeCookie();
  if (prefetch) {
    if (ended) sink.cookies.set(SIGNED_OUT_COOKIE, ended, notice);
    return { signedOutNotice: null };
  }
  const carried = request.cookies.get(SIGNED_OUT_COOKIE);
  if (carried) sink.cookies.set(SIGNED_OUT_COOKIE, "", { ...notice, maxAge: 0 });
  return { signedOutNotice: ended ?? signedOutReason(carried?.value) };
}
