import "server-only";
import type { SessionOptions } from "iron-session";
import type { Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { logSecurityEvent } from "@/lib/log/security-events";

/** `__Host-bolt_session` over https, `bolt_session` on a plain-http demo (see cookieName). */
export function sessionCookieName(env: Env): string {
  return cookieName(env, "bolt_session");
}

/**
 * iron-session options. `ttl` is the seal's lifetime in seconds (the cookie's Max-Age is 60 s less);
 * callers pass what is left of the absolute lifetime, so resealing after a refresh never extends it.
 *
 * `sessionCookieInsecure` (lib/config.ts) drops `Secure` for plain-http demos on a LAN host. Not needed on
 * http://localhost, where Chromium already accepts Secure cookies.
 */
export function sessionOptions(env: Env, ttlSeconds: number): SessionOptions {
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
