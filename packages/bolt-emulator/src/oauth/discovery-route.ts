import { BoltApiError, ErrorCodes } from "../http/errors";
import { json, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import type { Emulator } from "../state";
import { SCOPES } from "../store/tokens";
import { answersOf } from "../profile";

const CACHEABLE = { "Cache-Control": "public, max-age=300" };

export function openidConfiguration(emulator: Emulator): Record<string, unknown> {
  const base = emulator.issuer;
  const oauth = `${base}${answersOf(emulator.settings.profile).discoveryOAuthBase}`;
  return {
    issuer: base,
    authorization_endpoint: `${oauth}/authorize`,
    token_endpoint: `${oauth}/token`,
    jwks_uri: `${oauth}/jwks.json`,
    response_types_supported: [
      "id_token",
      "code",
      "token",
      "id_token token",
      "code id_token",
      "code token",
      "code id_token token",
    ],
    grant_types_supported: ["authorization_code", "refresh_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_post"],
    scopes_supported: [...SCOPES],
    claims_supported: [
      "iss",
      "sub",
      "aud",
      "exp",
      "iat",
      "email",
      "email_verified",
      "first_name",
      "last_name",
      "phone_number",
      "phone_number_verified",
    ],
  };
}

function jwks(_request: unknown, emulator: Emulator): Reply {
  return json(200, emulator.signer.jwks, CACHEABLE);
}

export const discoveryRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/.well-known/openid-configuration",
    kind: "api",
    handler: (_request, emulator) => json(200, openidConfiguration(emulator), CACHEABLE),
  },
  { method: "GET", pattern: "/v1/oauth/jwks.json", kind: "api", handler: jwks },
  { method: "GET", pattern: "/v3/oauth/jwks.json", kind: "api", handler: jwks },
  ...["/v1/oauth/authorize", "/v3/oauth/authorize"].map((pattern): Route => ({
    method: "GET",
    pattern,
    kind: "api",
    handler: () => {
      // Bolt hands codes out through embed.js's login modal, never through a redirect.
      throw new BoltApiError(
        501,
        ErrorCodes.notImplemented,
        "There is no redirect-based authorization: get a code from embed.js's login modal.",
      );
    },
  })),
];
