import "server-only";
import type { CookieJar } from "iron-session";
import { BoltApiError, BoltError, hasScope, SCOPE } from "@/lib/bolt";
import { getEnv } from "@/lib/env";
import { destroySession, readSession, touchSession, writeSession, type DenylistCheck } from "./cookie";
import { SignedOutError, StepUpRequiredError } from "./errors";
import { rememberSignOut } from "./signed-out-here";
import { isUsable, needsRefresh, refreshSession } from "./refresh";
import type { SessionData } from "./schema";
import { isSuperseded, markSuperseded } from "./versions";
import { log } from "@/lib/log/logger";

// One set of rules for the proxy's pages, the static pages' header and server actions. GETs write
// cookies here because a static page can't: its header's GET is where a rotated token or an ended
// session reaches the browser. A prefetch changes nothing: it may be answered after a sign-in,
// refresh or logout made meanwhile, and its cookie would then replace the newer one.

export type SignedOutReason = "expired" | "idle";

const NOTICE_COOKIE = "bolt_signed_out";

type Rules = {
  denylist: DenylistCheck;
  /** Bolt refreshes to view-only, so a usable full-scope token is kept for an edit. */
  keepManage?: boolean;
};

type Upkept =
  | { status: "none" }
  | { status: "ended"; reason?: SignedOutReason }
  | { status: "kept"; session: SessionData; refreshFailure?: unknown };

/** Only `invalid_grant` ends a session on refresh; a replaced session ends without a cookie write. */
async function upkeep(jar: CookieJar, rules: Rules): Promise<Upkept> {
  const current = await readSession(jar, rules.denylist);
  if (current.status === "none") return current;
  if (current.status === "invalid") {
    if (!current.replaced) await endSession(jar);
    return { status: "ended", reason: current.idle ? "idle" : undefined };
  }
  let session = touchSession(current.session);
  let refreshFailure: unknown;
  const keep = rules.keepManage && hasScope(session.scope, SCOPE.manage) && isUsable(session);
  if (!keep && needsRefresh(session)) {
    try {
      session = await refreshSession(session);
      await markSuperseded(current.session);
    } catch (error) {
      if (error instanceof SignedOutError) {
        await endSession(jar);
        return { status: "ended", reason: "expired" };
      }
      refreshFailure = error;
    }
  }
  // Never downwards: a version replaced meanwhile (another request refreshed it) keeps its cookie unwritten.
  if (session !== current.session && !(await isSuperseded(session))) await writeSession(jar, session);
  return { status: "kept", session, refreshFailure };
}

export function isPrefetch(headers: Headers): boolean {
  const purpose = headers.get("sec-purpose") ?? headers.get("purpose") ?? "";
  return headers.has("next-router-prefetch") || purpose.includes("prefetch");
}

function noticeCookie(maxAge: number) {
  return { httpOnly: true, secure: !getEnv().sessionCookieInsecure, sameSite: "lax", path: "/", maxAge } as const;
}

/** The notice is written with Max-Age=0: this request reads it, the browser drops it, no redirect needed. */
export async function keepPageSession(jar: CookieJar, request: { method: string; headers: Headers }): Promise<void> {
  if (isPrefetch(request.headers)) return;
  const pageLoad = request.method === "GET" || request.method === "HEAD";
  const upkept = pageLoad ? await upkeep(jar, { denylist: "best-effort" }) : undefined;
  if (upkept?.status === "kept" && upkept.refreshFailure) {
    const error = upkept.refreshFailure;
    const reason =
      error instanceof BoltError ? `${error.name} ${error.status}` : error instanceof Error ? error.name : "unexpected";
    log.warn("session: refresh failed, session kept", { reason });
  }
  const ended = upkept?.status === "ended" ? upkept.reason : undefined;
  const carried = jar.read(NOTICE_COOKIE);
  if (ended || carried !== undefined)
    jar.write(NOTICE_COOKIE, ended ?? signedOutReason(carried) ?? "", noticeCookie(0));
}

export function signedOutNotice(jar: Pick<CookieJar, "read">, headers: Headers): SignedOutReason | null {
  return isPrefetch(headers) ? null : signedOutReason(jar.read(NOTICE_COOKIE));
}

function signedOutReason(value: string | undefined): SignedOutReason | null {
  return value === "expired" || value === "idle" ? value : null;
}

/** Actions change things, so a logout elsewhere must be known. Bolt's refusals end the session or ask for a step-up. */
export async function withAccessToken<T>(
  jar: CookieJar,
  need: "view" | "manage",
  call: (accessToken: string, session: SessionData) => Promise<T>,
): Promise<T> {
  const upkept = await upkeep(jar, { denylist: "required", keepManage: need === "manage" });
  if (upkept.status !== "kept") throw new SignedOutError();
  const { session } = upkept;
  // Bolt trouble: a token with a few seconds left still does the job.
  if (upkept.refreshFailure && !isUsable(session)) throw upkept.refreshFailure;
  if (need === "manage" && !hasScope(session.scope, SCOPE.manage)) throw new StepUpRequiredError();
  try {
    return await call(session.accessToken, session);
  } catch (error) {
    if (error instanceof BoltApiError && error.isTokenRefused) {
      await endSession(jar);
      throw new SignedOutError("Bolt refused the access token");
    }
    if (error instanceof BoltApiError && error.isScopeMissing) throw new StepUpRequiredError();
    throw error;
  }
}

/** A render can't write cookies, so the session whose token Bolt refused then is ended by an action. */
export async function endRefusedSession(jar: CookieJar): Promise<void> {
  await endSession(jar);
  jar.write(NOTICE_COOKIE, "expired", noticeCookie(60));
}

/** A session the store ends: Bolt's silent sign-in must not bring it straight back. */
async function endSession(jar: CookieJar): Promise<void> {
  await destroySession(jar);
  rememberSignOut(jar);
}
