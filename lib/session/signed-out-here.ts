import "server-only";
import type { CookieJar } from "iron-session";
import { getEnv } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";

// Keeps Bolt's silent sign-in from undoing a session the store ended (a logout, a refusal, an expiry)
// until the shopper signs in again, as Bolt's Salesforce cartridge does.

const NAME = "bolt_signed_out_here";

/** As long as Bolt keeps its own session (30 days). */
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

function options(maxAge: number) {
  return { httpOnly: true, secure: !getEnv().sessionCookieInsecure, sameSite: "lax", path: "/", maxAge } as const;
}

export function rememberSignOut(jar: CookieJar): void {
  jar.write(cookieName(getEnv(), NAME), "1", options(MAX_AGE_SECONDS));
}

/** After a sign-in of the shopper's own: silent sign-in may sign them in again. */
export function forgetSignOut(jar: CookieJar): void {
  if (jar.read(cookieName(getEnv(), NAME)) !== undefined) jar.write(cookieName(getEnv(), NAME), "", options(0));
}

export function silentSignInAllowed(jar: Pick<CookieJar, "read">): boolean {
  return jar.read(cookieName(getEnv(), NAME)) === undefined;
}
