import "server-only";
import { cookies } from "next/headers";
import { SCOPE, hasScope } from "@/lib/bolt";
import type { SessionData } from "@/lib/session/schema";
import { cookieStoreJar, destroySession, readSession, touchSession, writeSession } from "@/lib/session/cookie";
import { SignedOutError, StepUpRequiredError } from "./errors";
import { needsRefresh, refreshSession } from "./refresh";
import { taintTokens } from "./taint";

/**
 * Below this, a token could expire while the Bolt call is under way. Small enough that a
 * 5-second test token is still usable right after it is minted.
 */
export const USABLE_MARGIN_MS = 1_000;

/**
 * The access token for a Bolt call from a server action or route handler, refreshed first when it
 * has less than a minute left (the new tokens are saved to the cookie). Actions change things
 * (an order, saved data), so the session must be confirmed not signed out elsewhere.
 *
 * Throws {@link SignedOutError} without a usable session (a refused cookie or `invalid_grant` also
 * clears it), {@link StepUpRequiredError} when `manage` is needed but the token is view-only,
 * KvUnavailableError when the logout denylist can't be checked (the cookie is kept: try again),
 * and Bolt's errors or RefreshPendingError when a refresh failed and the current token is no
 * longer usable.
 */
export async function getFreshAccessToken({ need }: { need: "view" | "manage" }): Promise<string> {
  return (await getFreshSession({ need })).accessToken;
}

/** {@link getFreshAccessToken}, returning the whole session (its id keys per-session limits). */
export async function getFreshSession({ need }: { need: "view" | "manage" }): Promise<SessionData> {
  const jar = cookieStoreJar(await cookies());
  const current = await readSession(jar, "required");
  if (current.status !== "valid") {
    if (current.status === "invalid") await destroySession(jar);
    throw new SignedOutError();
  }
  taintTokens(current.session);
  // An action is activity: the idle stamp moves (at most once a minute) with whatever else is saved.
  let session = touchSession(current.session);
  // Bolt refreshes to a view-only token, so refreshing a usable full-scope token ahead of time would
  // only throw away the right to edit that the shopper just verified for.
  const keepFullScope =
    need === "manage" && hasScope(session.scope, SCOPE.manage) && session.expiresAt - Date.now() > USABLE_MARGIN_MS;
  if (!keepFullScope && needsRefresh(session)) {
    try {
      session = await refreshSession(session);
    } catch (error) {
      if (error instanceof SignedOutError) await destroySession(jar);
      // Bolt is having trouble: a token with a few seconds left still does the job.
      if (error instanceof SignedOutError || session.expiresAt - Date.now() < USABLE_MARGIN_MS) throw error;
    }
  }
  if (session !== current.session) await writeSession(jar, taintTokens(session));
  if (need === "manage" && !hasScope(session.scope, SCOPE.manage)) throw new StepUpRequiredError();
  return session;
}
