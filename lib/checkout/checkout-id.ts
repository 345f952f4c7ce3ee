import "server-only";
import { randomBytes } from "node:crypto";
import type { CookieJar } from "iron-session";
import { getEnv, type Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { hashCheckoutId } from "@/lib/ledger/secrets";

// A click finds the order this checkout already placed instead of placing another. The id changes when
// the person at the browser may have (sign-in, logout) and once its order is placed.

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

export function checkoutIdHashOf(value: string | undefined): string | undefined {
  return isCheckoutId(value) ? hashCheckoutId(value) : undefined;
}

/** Made now for a client that never loaded /checkout. */
export function ensureCheckoutId(jar: CookieJar): string {
  const current = jar.read(checkoutCookieName(getEnv()));
  return isCheckoutId(current) ? current : rotateCheckoutId(jar);
}

/** What the last one placed stays with whoever placed it. */
export function rotateCheckoutId(jar: CookieJar): string {
  const env = getEnv();
  const id = newCheckoutId();
  jar.write(checkoutCookieName(env), id, checkoutCookieOptions(!env.sessionCookieInsecure));
  return id;
}

export function forgetCheckoutId(jar: CookieJar): void {
  const env = getEnv();
  jar.write(checkoutCookieName(env), "", { ...checkoutCookieOptions(!env.sessionCookieInsecure), maxAge: 0 });
}
