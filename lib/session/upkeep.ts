import "server-only";
import type { CookieJar } from "iron-session";
import { BoltApiError, BoltError, hasScope, SCOPE } from "@/lib/bolt";
import { getEnv } from "@/lib/env";
import { destroySession, readSession, touchSession, writeSession, type DenylistCheck } from "./cookie";
import { SignedOutError, StepUpRequiredError } from "./errors";
import { isUsable, needsRefresh, refreshSession } from "./refresh";
import type { SessionData } from "./schema";
import { taintTokens } from "./taint";

// Session upkeep, for every door a session comes through: pages (the proxy), the static pages'
// header (GET /api/bolt/session) and server actions. The rules are the same for all three; only
// pages tell the shopper when their session ended on its own, through the notice cookie below.

/** Why a session ended on its own: Bolt refused to renew it, or it sat idle for SESSION_IDLE_MINUTES. */
export type SignedOutReason = "expired" | "idle";

/**
 * The "you were signed out" notice, from where a session ends to the summary that says it. A GET
 * writes it because a page must be told in the same response, and a prefetch must leave it for later.
 */
const NOTICE_COOKIE = "bolt_signed_out";

type Rules = {
  /** A shopper's own request: moves the idle stamp (at most once a minute). */
  active: boolean;
  denylist: DenylistCheck;
  /** Keeps a usable full-scope token instead of refreshing it early: Bolt refreshes to view-only. */
  keepManage?: boolean;
};

type Upkept =
  | { status: "none" }
  | { status: "ended"; reason?: SignedOutReason }
  | { status: "kept"; session: SessionData; refreshFailure?: unknown };

/**
 * Ends a refused or idle session, refreshes a token with less than a minute left, and saves what
 * changed. A refresh that fails for any reason but `invalid_grant` keeps the session.
 */
async function upkeep(jar: CookieJar, rules: Rules): Promise<Upkept> {
  const current = await readSession(jar, rules.denylist);
  if (current.status === "none") return current;
  if (current.status === "invalid") {
    await destroySession(jar);
    return { status: "ended", reason: current.idle ? "idle" : undefined };
  }
  let session = rules.active ? touchSession(current.session) : current.session;
  let refreshFailure: unknown;
  const keep = rules.keepManage && hasScope(session.scope, SCOPE.manage) && isUsable(session);
  if (!keep && needsRefresh(session)) {
    try {
      session = await refreshSession(session);
    } catch (error) {
      if (error instanceof SignedOutError) {
        await destroySession(jar);
        return { status: "ended", reason: "expired" };
      }
      refreshFailure = error;
    }
  }
  if (session !== current.session) await writeSession(jar, session);
  return { status: "kept", session, refreshFailure };
}

/** Router prefetches render pages nobody may look at; a notice shown there would be lost. */
function isPrefetch(headers: Headers): boolean {
  const purpose = headers.get("sec-purpose") ?? headers.get("purpose") ?? "";
  return headers.has("next-router-prefetch") || purpose.includes("prefetch");
}

function noticeCookie(maxAge: number) {
  return { httpOnly: true, secure: !getEnv().sessionCookieInsecure, sameSite: "lax", path: "/", maxAge } as const;
}

/**
 * For a page load (the proxy) or the static pages' header (GET /api/bolt/session), before either
 * reads the session. A prefetch keeps the notice for the next real page; anything else delivers it:
 * written with its reason and Max-Age=0, this request reads it and the browser drops it, so it is
 * said once and never through a redirect.
 */
export async function keepPageSession(jar: CookieJar, request: { method: string; headers: Headers }): Promise<void> {
  const prefetch = isPrefetch(request.headers);
  const pageLoad = request.method === "GET" || request.method === "HEAD";
  const upkept = pageLoad ? await upkeep(jar, { active: !prefetch, denylist: "best-effort" }) : undefined;
  if (upkept?.status === "kept" && upkept.refreshFailure) {
    const error = upkept.refreshFailure;
    const reason =
      error instanceof BoltError ? `${error.name} ${error.status}` : error instanceof Error ? error.name : "unexpected";
    console.warn(`[session] refresh failed, session kept: ${reason}`);
  }
  const ended = upkept?.status === "ended" ? upkept.reason : undefined;
  if (prefetch) {
    if (ended) jar.write(NOTICE_COOKIE, ended, noticeCookie(60));
    return;
  }
  const carried = jar.read(NOTICE_COOKIE);
  if (ended || carried !== undefined)
    jar.write(NOTICE_COOKIE, ended ?? signedOutReason(carried) ?? "", noticeCookie(0));
}

/** The notice for the summary a page or the header shows; never in a prefetch. */
export function signedOutNotice(jar: Pick<CookieJar, "read">, headers: Headers): SignedOutReason | null {
  return isPrefetch(headers) ? null : signedOutReason(jar.read(NOTICE_COOKIE));
}

function signedOutReason(value: string | undefined): SignedOutReason | null {
  return value === "expired" || value === "idle" ? value : null;
}

/**
 * Runs Bolt calls for a server action or route handler with a fresh access token. Actions change
 * things, so a logout elsewhere must be known (`required`). Throws SignedOutError without a usable
 * session or when Bolt refuses the token (the cookie is cleared), StepUpRequiredError when `manage`
 * is needed but the token is view-only or Bolt says the scope is missing, KvUnavailableError when
 * the denylist can't answer, and a failed refresh's error once the current token is spent.
 */
export async function withAccessToken<T>(
  jar: CookieJar,
  need: "view" | "manage",
  call: (accessToken: string, session: SessionData) => Promise<T>,
): Promise<T> {
  const upkept = await upkeep(jar, { active: true, denylist: "required", keepManage: need === "manage" });
  if (upkept.status !== "kept") throw new SignedOutError();
  const session = taintTokens(upkept.session);
  // Bolt trouble: a token with a few seconds left still does the job.
  if (upkept.refreshFailure && !isUsable(session)) throw upkept.refreshFailure;
  if (need === "manage" && !hasScope(session.scope, SCOPE.manage)) throw new StepUpRequiredError();
  try {
    return await call(session.accessToken, session);
  } catch (error) {
    if (error instanceof BoltApiError && error.isTokenRefused) {
      await destroySession(jar);
      throw new SignedOutError("Bolt refused the access token");
    }
    if (error instanceof BoltApiError && error.isScopeMissing) throw new StepUpRequiredError();
    throw error;
  }
}

/**
 * Ends a session whose token Bolt refused while a page rendered (a render can't write cookies),
 * leaving the notice for the next page. Signing oneself out needs no proof.
 */
export async function endRefusedSession(jar: CookieJar): Promise<void> {
  await destroySession(jar);
  jar.write(NOTICE_COOKIE, "expired", noticeCookie(60));
}
