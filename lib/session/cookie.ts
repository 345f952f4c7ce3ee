import "server-only";
import { randomBytes } from "node:crypto";
import { getIronSession, unsealData, type CookieJar, type SessionOptions } from "iron-session";
import { getEnv, type Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { logSecurityEvent } from "@/lib/log/security-events";
import { KvUnavailableError } from "@/lib/kv";
import { isSessionDenied } from "./denylist";
import { SessionSchema, type SessionData } from "./schema";

export type { CookieJar } from "iron-session";

/** `__Host-bolt_session` over https, `bolt_session` on a plain-http demo (see cookieName). */
function sessionCookieName(env: Env): string {
  return cookieName(env, "bolt_session");
}

/**
 * iron-session options. `ttl` is the seal's lifetime in seconds (the cookie's Max-Age is 60 s less);
 * callers pass what is left of the absolute lifetime, so resealing after a refresh never extends it.
 *
 * `SESSION_COOKIE_INSECURE=1` drops `Secure` for plain-http demos on a LAN host. Not needed on
 * http://localhost, where Chromium already accepts Secure cookies.
 */
function sessionOptions(env: Env, ttlSeconds: number): SessionOptions {
  return {
    cookieName: sessionCookieName(env),
    password: env.sessionPasswords,
    ttl: ttlSeconds,
    cookieOptions: { httpOnly: true, secure: !env.sessionCookieInsecure, sameSite: "lax", path: "/" },
    onUnsealError: (reason) => {
      // Expiry is routine. The rest means tampering or a broken password rotation: worth a log line.
      if (reason !== "expired") logSecurityEvent({ event: "cookie_refused", reason });
    },
  };
}

/**
 * `none`: no cookie. `invalid`: a cookie we refuse (tampered, foreign, expired, signed out); `idle`
 * when the only thing wrong with it is that it went unused for SESSION_IDLE_MINUTES, which the
 * shopper is told.
 */
export type SessionRead =
  { status: "none" } | { status: "invalid"; idle?: true } | { status: "valid"; session: SessionData };

/** The shape of `await cookies()` from `next/headers`, which iron-session also accepts. */
type CookieStore = {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: Parameters<CookieJar["write"]>[2]): unknown;
};

/** Adapts Next's `cookies()` store. Writing only works in route handlers and server actions. */
export function cookieStoreJar(store: CookieStore): CookieJar {
  return {
    read: (name) => store.get(name)?.value,
    write: (name, value, options) => void store.set(name, value, options),
  };
}

/**
 * A view of the jar that reads nothing, so iron-session starts from an empty object: every write
 * seals a complete new session rather than merging into whatever the request carried.
 */
function writeOnly(jar: CookieJar): CookieJar {
  return { read: () => undefined, write: jar.write, assertWritable: jar.assertWritable };
}

function lifetimeLeftMs(session: Pick<SessionData, "createdAt">, env: Env): number {
  return session.createdAt + env.sessionMaxAgeMs - Date.now();
}

/** Another instance's clock may run a little ahead; a time further in the future was not written by us. */
const CLOCK_SKEW_MS = 60_000;

/** How often the idle stamp may be rewritten: activity within the same minute changes nothing. */
export const SEEN_STAMP_INTERVAL_MS = 60_000;

/**
 * How much a logout elsewhere must be known. `best-effort` (pages): when the shared store can't
 * answer, the session is accepted and the event logged, so an outage never signs anyone out.
 * `required` (orders and edits): KvUnavailableError is thrown instead, and the caller asks the
 * shopper to try again.
 */
export type DenylistCheck = "best-effort" | "required";

/**
 * Reads and checks the session cookie. A tampered, truncated, foreign, wrong-password or expired
 * seal, a shape we don't know, a session past its absolute lifetime or signed out all read as
 * `invalid`, which callers treat as signed out. Throws only KvUnavailableError, and only when
 * the denylist check is `required`.
 */
export async function readSession(jar: CookieJar, check: DenylistCheck = "best-effort"): Promise<SessionRead> {
  const env = getEnv();
  const seal = jar.read(sessionCookieName(env));
  if (!seal) return { status: "none" };
  let session: SessionData;
  try {
    const { password, onUnsealError } = sessionOptions(env, env.sessionMaxAgeMs / 1000);
    const opened = await unsealData<Record<string, unknown>>(seal, { password, onUnsealError });
    const parsed = SessionSchema.safeParse(opened);
    if (!parsed.success) {
      // Empty: refused by iron-session, which reported why through onUnsealError. Otherwise it opened
      // with our password yet has a shape we never seal: an old version's cookie, or a leaked password.
      if (Object.keys(opened).length > 0) logSecurityEvent({ event: "cookie_refused", reason: "shape" });
      return { status: "invalid" };
    }
    session = parsed.data;
  } catch {
    // iron-session rethrows some malformed seals (a wrong prefix, a non-numeric expiry).
    logSecurityEvent({ event: "cookie_refused", reason: "malformed" });
    return { status: "invalid" };
  }
  const leftMs = lifetimeLeftMs(session, env);
  // A sign-in time in the future is as wrong as one too far in the past.
  if (leftMs <= 0 || leftMs > env.sessionMaxAgeMs + CLOCK_SKEW_MS) return { status: "invalid" };
  const idleMs = Date.now() - session.seenAt;
  if (idleMs < -CLOCK_SKEW_MS || session.seenAt < session.createdAt) return { status: "invalid" };
  if (idleMs > env.sessionIdleMs) return { status: "invalid", idle: true };
  if (await isDenied(session.sid, check)) {
    logSecurityEvent({ event: "session_revoked" });
    return { status: "invalid" };
  }
  return { status: "valid", session };
}

async function isDenied(sid: string, check: DenylistCheck): Promise<boolean> {
  try {
    return await isSessionDenied(sid);
  } catch (error) {
    if (!(error instanceof KvUnavailableError) || check === "required") throw error;
    logSecurityEvent({ event: "store_unavailable", use: "logout denylist", fallback: "session accepted unchecked" });
    return false;
  }
}

/** The sealed session would not fit in one cookie, so none was written (a browser would drop it). */
export class SessionTooLargeError extends Error {
  constructor(options?: ErrorOptions) {
    super("The session does not fit in one 4 KB cookie", options);
    this.name = "SessionTooLargeError";
  }
}

/** Seals `session` as a whole into the cookie, with a Max-Age ending at its absolute expiry. */
export async function writeSession(jar: CookieJar, session: SessionData): Promise<void> {
  const env = getEnv();
  const ttlSeconds = Math.max(1, Math.ceil(lifetimeLeftMs(session, env) / 1000));
  const sealed = await getIronSession<SessionData>(writeOnly(jar), sessionOptions(env, ttlSeconds));
  Object.assign(sealed, SessionSchema.parse(session));
  try {
    await sealed.save();
  } catch (error) {
    // iron-session refuses a cookie over 4096 bytes; its message is the only signal it gives.
    if (error instanceof Error && /too big/i.test(error.message)) throw new SessionTooLargeError({ cause: error });
    throw error;
  }
}

/** Clears the cookie with the same name and attributes it was set with (iron-session 9: terminal). */
export async function destroySession(jar: CookieJar): Promise<void> {
  const env = getEnv();
  const session = await getIronSession<SessionData>(writeOnly(jar), sessionOptions(env, env.sessionMaxAgeMs / 1000));
  session.destroy();
}

/** A brand-new session for a fresh sign-in: new id, new clock, nothing carried over. */
export function newSession(fields: Omit<SessionData, "v" | "sid" | "createdAt" | "seenAt">): SessionData {
  const now = Date.now();
  return { v: 1, sid: randomBytes(16).toString("base64url"), ...fields, createdAt: now, seenAt: now };
}

/**
 * The session with its idle stamp moved to now, or the same object when the stamp is less than a
 * minute old: only a changed session needs writing, so most requests set no cookie.
 */
export function touchSession(session: SessionData): SessionData {
  const now = Date.now();
  return now - session.seenAt < SEEN_STAMP_INTERVAL_MS ? session : { ...session, seenAt: now };
}
