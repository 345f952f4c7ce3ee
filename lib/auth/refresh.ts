import "server-only";
import { BoltOAuthError, refreshTokens, type TokenSet } from "@/lib/bolt";
import { processSingleton } from "@/lib/session/process-state";
import type { SessionData } from "@/lib/session/schema";
import { SignedOutError } from "./errors";
import { SingleFlight } from "./single-flight";

/** Refresh when the access token has less than this left, so no Bolt call starts with a dying token. */
export const REFRESH_WINDOW_MS = 60_000;

/**
 * In-flight refreshes keyed by refresh token, shared by the proxy and route handlers of this process.
 * Bolt's refresh tokens are single-use: a second refresh with the same one revokes the whole token
 * family and signs the shopper out, so parallel requests must share one call.
 *
 * Limit: one process. Several instances each refresh once and all but one lose; a shared lock
 * (Redis) is the multi-instance version.
 */
const flights = processSingleton("refresh-flights", () => new SingleFlight<TokenSet>(30_000));

export function needsRefresh(session: SessionData): boolean {
  return session.expiresAt - Date.now() < REFRESH_WINDOW_MS;
}

/**
 * Refreshes the session's tokens and returns the updated session for the caller to save. Keeps
 * the refresh token when Bolt returns none, and stores the (narrower) scope Bolt granted.
 * `invalid_grant` becomes {@link SignedOutError}; anything else (5xx, timeout) is rethrown and
 * the stored session stays as it was.
 */
export async function refreshSession(session: SessionData): Promise<SessionData> {
  let tokens: TokenSet;
  try {
    tokens = await flights.run(session.refreshToken, () =>
      refreshTokens(session.refreshToken, session.refreshTokenScope),
    );
  } catch (error) {
    if (error instanceof BoltOAuthError && error.isInvalidGrant)
      throw new SignedOutError("Bolt refused the refresh token");
    throw error;
  }
  return {
    ...session,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? session.refreshToken,
    expiresAt: tokens.expiresAt,
    scope: tokens.scope,
    refreshTokenScope: tokens.refreshTokenScope ?? session.refreshTokenScope,
  };
}
