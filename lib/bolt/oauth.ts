import "server-only";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { getDiscovery, V1_TOKEN_PATH } from "./discovery";
import { BoltError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import { normalizeScope } from "./scopes";
import { MAX_ACCESS_TOKEN_LENGTH, MAX_REFRESH_TOKEN_LENGTH, OAuthToken } from "./token-format";
import type { TokenSet } from "./types";

const ScopeString = z.string().max(256).transform(normalizeScope);

/** Bolt's spec requires none of these; the token and its lifetime we can't do without. */
export const WireTokenResponse = z.object({
  access_token: OAuthToken(MAX_ACCESS_TOKEN_LENGTH),
  token_type: z
    .string()
    .regex(/^bearer$/i)
    .optional(),
  expires_in: z
    .int()
    .min(1)
    .max(366 * 24 * 60 * 60),
  refresh_token: OAuthToken(MAX_REFRESH_TOKEN_LENGTH).optional(),
  refresh_token_scope: ScopeString.optional(),
  scope: ScopeString.optional(),
  id_token: z.string().max(16_384).optional(),
});

/** The code exchange must also start the refresh chain and, with `openid`, say who signed in. */
export const WireCodeExchange = WireTokenResponse.extend({
  refresh_token: OAuthToken(MAX_REFRESH_TOKEN_LENGTH),
  id_token: z.string().min(1).max(16_384),
});

/**
 * A code exchange needs discovery anyway to verify the id_token, so it fails before the code is spent;
 * a refresh falls back to v1's endpoint.
 */
async function tokenPath(grant: "authorization_code" | "refresh_token"): Promise<`/${string}`> {
  try {
    return (await getDiscovery()).tokenPath;
  } catch (error) {
    if (grant === "refresh_token" && error instanceof BoltError) return V1_TOKEN_PATH;
    throw error;
  }
}

/** `client_id` = publishable key, `client_secret` = API key. */
async function requestTokens(
  operation: string,
  grant: Record<string, string> & { grant_type: "authorization_code" | "refresh_token" },
  scope: string,
): Promise<unknown> {
  const env = getEnv();
  return callBolt({
    operation,
    method: "POST",
    path: await tokenPath(grant.grant_type),
    form: new URLSearchParams({ ...grant, client_id: env.publishableKey, client_secret: env.apiKey, scope }),
    errors: "oauth",
  });
}

function toTokenSet(wire: z.output<typeof WireTokenResponse>, requestedAt: number, scope: string): TokenSet {
  return {
    accessToken: wire.access_token,
    refreshToken: wire.refresh_token,
    // Counted from before the request, so network time never makes a token look longer-lived.
    expiresAt: requestedAt + wire.expires_in * 1000,
    // RFC 6749 §5.1: an absent `scope` is exactly the scope asked for.
    scope: wire.scope ?? normalizeScope(scope),
    refreshTokenScope: wire.refresh_token_scope,
    idToken: wire.id_token,
  };
}

/** Never retried: a code used twice makes Bolt revoke every token it issued (RFC 6749 §4.1.2). */
export async function exchangeAuthorizationCode(
  code: string,
  scope: string,
): Promise<TokenSet & { refreshToken: string; idToken: string }> {
  const operation = "exchangeAuthorizationCode";
  const requestedAt = Date.now();
  const body = await requestTokens(operation, { grant_type: "authorization_code", code }, scope);
  const wire = parseBoltBody(WireCodeExchange, body, operation);
  return { ...toTokenSet(wire, requestedAt, scope), refreshToken: wire.refresh_token, idToken: wire.id_token };
}

/** Bolt rotates the refresh token and narrows the access token to view. Never retried: reuse revokes the family. */
export async function refreshTokens(refreshToken: string, scope: string): Promise<TokenSet> {
  const operation = "refreshTokens";
  const requestedAt = Date.now();
  const body = await requestTokens(operation, { grant_type: "refresh_token", refresh_token: refreshToken }, scope);
  return toTokenSet(parseBoltBody(WireTokenResponse, body, operation), requestedAt, scope);
}
