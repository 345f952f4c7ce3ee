import { randomBytes } from "node:crypto";
import type { Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";

/**
 * One id per browser's checkout, in an HttpOnly cookie set when /checkout is first loaded (the
 * proxy): the payment attempts of that checkout are kept under it, so a retry after a timeout or a
 * reload finds the attempt that was already sent. `__Host-checkout_id` over https, like the session
 * cookie, so a sibling subdomain can't plant another checkout's id; `checkout_id` on plain http.
 */
export function checkoutCookieName(env: Env): string {
  return cookieName(env, "checkout_id");
}

/** A day, like the attempts kept under it (and Bolt's memory of an Idempotency-Key). */
const MAX_AGE_SECONDS = 24 * 60 * 60;

export function checkoutCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: MAX_AGE_SECONDS } as const;
}

export function newCheckoutId(): string {
  return randomBytes(18).toString("base64url");
}

/** An id this app made: anything else in the cookie is ignored and replaced. */
export function isCheckoutId(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{24}$/.test(value);
}
