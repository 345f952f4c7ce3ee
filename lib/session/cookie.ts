import "server-only";
import { randomBytes } from "node:crypto";
import { getIronSession, unsealData, type CookieJar, type SessionOptions } from "iron-session";
import { getEnv, type Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { logSecurityEvent } from "@/lib/log/security-events";
import { KvUnavailableError } from "@/lib/kv";
import { sessionDenial, type Denial } from "./denylist";
import { SessionSchema, type SessionData } from "./schema";

export type { CookieJar } from "iron-session";

function sessionCookieName(env: Env): string {
  return cookieName(env, "bolt_session");
}

/** `ttl` is what is left of the absolute lifetime, so resealing after a refresh never extends it. */
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

/** `idle`: the shopper is told. `replaced`: a newer session's cookie, which must be left alone, took its place. */
export type SessionRead =
  { status: "none" } | { status: "invalid"; idle?: true; replaced?: true } | { status: "valid"; session: SessionData };

type CookieStore = {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: Parameters<CookieJar["write"]>[2]): unknown;
};

/** Adapts Next's `cookies()`; writes only work in route handlers and server actions. */
export function cookieStoreJar(store: CookieStore): CookieJar {
  return {
    read: (name) => store.get(name)?.value,
    write: (name, value, options) => void store.set(name, value, options),
  };
}

/** Reads nothing, so a write seals a new session instead of merging into the request's. */
function writeOnly(jar: CookieJar): CookieJar {
  return { read: () => undefined, write: jar.write, assertWritable: jar.assertWritable };
}

function lifetimeLeftMs(session: Pick<SessionData, "createdAt">, env: Env): number {
  return session.createdAt + env.sessionMaxAgeMs - Date.now();
}

/** Another instance's clock may run a little ahead; further in the future was not written by us. */
const CLOCK_SKEW_MS = 60_000;

const SEEN_STAMP_INTERVAL_MS = 60_000;

/** `best-effort` (pages): an outage signs nobody out. `required` (orders, edits): KvUnavailableError. */
export type DenylistCheck = "best-effort" | "required";

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
      // Opened with our password yet a shape we never seal: an old version's cookie, or a leaked password.
      if (Object.keys(opened).length > 0) logSecurityEvent({ event: "cookie_refused", reason: "shape" });
      return { status: "invalid" };
    }
    session = parsed.data;
  } catch {
    logSecurityEvent({ event: "cookie_refused", reason: "malformed" });
    return { status: "invalid" };
  }
  const leftMs = lifetimeLeftMs(session, env);
  if (leftMs <= 0 || leftMs > env.sessionMaxAgeMs + CLOCK_SKEW_MS) return { status: "invalid" };
  const idleMs = Date.now() - session.seenAt;
  if (idleMs < -CLOCK_SKEW_MS || session.seenAt < session.createdAt) return { status: "invalid" };
  if (idleMs > env.sessionIdleMs) return { status: "invalid", idle: true };
  const denial = await deniedFor(session.sid, check);
  if (denial) {
    logSecurityEvent({ event: "session_revoked" });
    return denial === "replaced" ? { status: "invalid", replaced: true } : { status: "invalid" };
  }
  return { status: "valid", session };
}

async function deniedFor(sid: string, check: DenylistCheck): Promise<Denial | undefined> {
  try {
    return await sessionDenial(sid);
  } catch (error) {
    if (!(error instanceof KvUnavailableError) || check === "required") throw error;
    logSecurityEvent({ event: "store_unavailable", use: "logout denylist", fallback: "session accepted unchecked" });
    return undefined;
  }
}

export class SessionTooLargeError extends Error {
  constructor(options?: ErrorOptions) {
    super("The session does not fit in one 4 KB cookie", options);
    this.name = "SessionTooLargeError";
  }
}

/** Max-Age ends at the session's absolute expiry. */
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

/** Same name and attributes as when set. */
export async function destroySession(jar: CookieJar): Promise<void> {
  const env = getEnv();
  const session = await getIronSession<SessionData>(writeOnly(jar), sessionOptions(env, env.sessionMaxAgeMs / 1000));
  session.destroy();
}

export function newSession(fields: Omit<SessionData, "v" | "sid" | "ver" | "createdAt" | "seenAt">): SessionData {
  const now = Date.now();
  return { v: 1, sid: randomBytes(16).toString("base64url"), ver: 0, ...fields, createdAt: now, seenAt: now };
}

/** Moves the idle stamp at most once a minute, so most requests set no cookie. */
export function touchSession(session: SessionData): SessionData {
  const now = Date.now();
  return now - session.seenAt < SEEN_STAMP_INTERVAL_MS ? session : { ...session, seenAt: now };
}
