import "server-only";
import { cookies } from "next/headers";
import { BoltApiError } from "@/lib/bolt";
import { cookieStoreJar, destroySession } from "@/lib/session/cookie";
import type { SessionData } from "@/lib/session/schema";
import { SignedOutError, StepUpRequiredError } from "./errors";
import { getFreshSession } from "./fresh-token";
import { SIGNED_OUT_COOKIE, signedOutNoticeCookie } from "./page-session";

/**
 * Runs Bolt calls for the signed-in shopper from a server action or route handler, with a fresh
 * access token, and turns Bolt's refusals into what the shopper has to do: a refused token ends the
 * session (the cookie is cleared) and is a {@link SignedOutError}; a token that lacks the scope is a
 * {@link StepUpRequiredError}. Other failures (Bolt down, a decline) are rethrown as they are. The
 * session is confirmed not signed out (see getFreshAccessToken); `call` also gets it, to key
 * per-session limits on its id.
 */
export async function withAccessToken<T>(
  need: "view" | "manage",
  call: (accessToken: string, session: SessionData) => Promise<T>,
): Promise<T> {
  const session = await getFreshSession({ need });
  try {
    return await call(session.accessToken, session);
  } catch (error) {
    if (error instanceof BoltApiError && error.isTokenRefused) {
      await destroySession(cookieStoreJar(await cookies()));
      throw new SignedOutError("Bolt refused the access token");
    }
    if (error instanceof BoltApiError && error.isScopeMissing) throw new StepUpRequiredError();
    throw error;
  }
}

/**
 * Ends a session whose token Bolt refused while a page rendered (a render cannot write cookies):
 * clears the cookie and leaves the "you were signed out" notice for the next page. Only in server
 * actions and route handlers. Signing oneself out needs no proof, so this trusts the caller.
 */
export async function endRefusedSession(): Promise<void> {
  const store = await cookies();
  await destroySession(cookieStoreJar(store));
  store.set(SIGNED_OUT_COOKIE, "expired", signedOutNoticeCookie());
}
