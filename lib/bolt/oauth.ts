import "server-only";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { BoltResponseError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import { normalizeScope } from "./scopes";
import { MAX_ACCESS_TOKEN_LENGTH, MAX_REFRESH_TOKEN_LENGTH, OAuthToken } from "./token-format";
import type { TokenSet } from "./types";

const ScopeString = z.string().max(256).transform(normalizeScope);

/** `o_auth_token_response`, strictly: RFC 6749 §5.1 types, bounded sizes. */
const TokenResponse = z.object({
  access_token: OAuthToken(MAX_ACCESS_TOKEN_LENGTH),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z
    .int()
    .min(1)
    .max(366 * 24 * 60 * 60),
  refresh_token: OAuthToken(MAX_REFRESH_TOKEN_LENGTH).optional(),
  refresh_token_scope: ScopeString.optional(),
  scope: ScopeString.optional(),
  id_token: z.string().max(16_384).optional(),
});

/** Both grants share the client authentication: `client_id` = publishable key, `client_secret` = API key. */
async function requestTokens(operation: string, grant: Record<string, string>, scope: string): Promise<TokenSet> {
  const env = getEnv();
  const requestedAt = Date.now();
  const body = await callBolt({
    operation,
    method: "POST",
    path: "/v1/oauth/token",
    form: new URLSearchParams({ ...grant, client_id: env.publishableKey, client_secret: env.apiKey, scope }),
    errors: "oauth",
  });
  const wire = parseBoltBody(TokenResponse, body, operation);
  return {
    accessToken: wire.access_token,
    refreshToken: wire.refresh_token,
    // Counted from before the request, so network time never makes us think a token lives longer.
    expiresAt: requestedAt + wire.expires_in * 1000,
    // RFC 6749 §5.1: an absent `scope` means exactly the scope that was asked for.
    scope: wire.scope ?? normalizeScope(scope),
    refreshTokenScope: wire.refresh_token_scope,
    idToken: wire.id_token,
  };
}

/**
 * Exchanges the login modal's one-time code. Never retried: a second use of a code makes Bolt
 * refuse it and revoke every token it issued (RFC 6749 §4.1.2).
 */
export async function exchangeAuthorizationCode(
  code: string,
  scope: string,
): Promise<TokenSet & { refreshToken: string }> {
  const tokens = await requestTokens("exchangeAuthorizationCode", { grant_type: "authorization_code", code }, scope);
  const { refreshToken } = tokens;
  if (!refreshToken) throw new BoltResponseError("exchangeAuthorizationCode: Bolt's answer has no refresh_token", 200);
  return { ...tokens, refreshToken };
}

/**
 * Trades a refresh token for new tokens. Bolt rotates refresh tokens and narrows the new access
 * token to `bolt.account.view`. Never retried: reusing a rotated refresh token revokes the family.
 */
export function refreshTokens(refreshToken: string, scope: string): Promise<TokenSet> {
  return requestTokens("refreshTokens", { grant_type: "refresh_token", refresh_token: refreshToken }, scope);
}
