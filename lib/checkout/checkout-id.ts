import "server-only";
import { randomBytes } from "node:crypto";
import type { CookieJar } from "iron-session";
import { getEnv, type Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { hashCheckoutId } from "@/lib/ledger/secrets";

// The browser's checkout: the ledger files orders under its hash, so that a click finds the order this
// checkout already placed instead of placing another. It changes whenever the person at the browser may
// have (sign-in, logout) and once its order is placed, so no one inherits another's checkout.

/** `__Host-` over https, so a sibling subdomain can't plant another checkout's id. */
export function checkoutCookieName(env: Env): string {
  return cookieName(env, "checkout_id");
}

/** A day: as long as Bolt remembers a payment's Idempotency-Key, so a resend is always still safe. */
const MAX_AGE_SECONDS = 24 * 60 * 60;

export function checkoutCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: MAX_AGE_SECONDS } as const;
}

export function newCheckoutId(): string {
  return randomBytes(18).toString("base64url");
}

export function isCheckoutId(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{24}$/.test(value);
}

/** The hash the ledger knows this checkout by, if the browser has one. */
export function checkoutIdHashOf(value: string | undefined): string | undefined {
  return isCheckoutId(value) ? hashCheckoutId(value) : undefined;
}

/** In an action: this browser's checkout, made now for a client that never loaded /checkout. */
export function ensureCheckoutId(jar: CookieJar): string {
  const current = jar.read(checkoutCookieName(getEnv()));
  return isCheckoutId(current) ? current : rotateCheckoutId(jar);
}

/** A new checkout for this browser: what the last one placed stays with whoever placed it. */
export function rotateCheckoutId(jar: CookieJar): string {
  const env = getEnv();
  const id = newCheckoutId();
  jar.write(checkoutCookieName(env), id, checkoutCookieOptions(!env.sessionCookieInsecure));
  return id;
}

/** On logout: the next checkout here gets a new id, and nothing of the last one. */
export function forgetCheckoutId(jar: CookieJar): void {
  const env = getEnv();
  jar.write(checkoutCookieName(env), "", { ...checkoutCookieOptions(!env.sessionCookieInsecure), maxAge: 0 });
}
