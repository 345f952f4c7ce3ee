import * as z from "zod";
import { audienceOf } from "../config";
import { safeEqual } from "../http/credentials";
import { OAuthError } from "../http/errors";
import { headerValue, json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseWith } from "../http/validate";
import type { Emulator } from "../state";
import type { CodeRecord, RefreshRecord, Scope } from "../store/tokens";
import { answersOf } from "../profile";
import { parseScopes } from "./scopes";

export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** v1's token endpoint, and v3's, which real Bolt's discovery names (same behaviour here). */
export const TOKEN_PATHS = ["/v1/oauth/token", "/v3/oauth/token"];

const TokenForm = z.object({
  grant_type: z.string().min(1, { error: "grant_type is required" }),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
});
type TokenForm = z.output<typeof TokenForm>;

const invalidRequest = (description: string) => new OAuthError(400, "invalid_request", description);
const invalidGrant = (emulator: Emulator, description: string) =>
  new OAuthError(answersOf(emulator.settings.profile).invalidGrantStatus, "invalid_grant", description);

/** Reads the form body, refusing anything but `application/x-www-form-urlencoded` and repeated parameters. */
export function readTokenForm(request: ApiRequest): TokenForm {
  const contentType = headerValue(request.headers, "content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
    throw invalidRequest("The Content-Type of this request must be application/x-www-form-urlencoded.");
  }
  const form = new URLSearchParams(request.body.toString("utf8"));
  for (const name of new Set(form.keys())) {
    if (form.getAll(name).length > 1) throw invalidRequest(`The parameter ${name} is included more than once.`);
  }
  return parseWith(TokenForm, Object.fromEntries(form), invalidRequest);
}

function requireScope(form: TokenForm): Scope[] {
  if (form.scope === undefined) throw invalidRequest("scope is required.");
  return parseScopes(form.scope);
}

/** Shared checks for a code or refresh token: reuse revokes the whole family (RFC 6749 §4.1.2, RFC 9700 §4.14.2). */
function consume(
  emulator: Emulator,
  record: CodeRecord | RefreshRecord | undefined,
  what: string,
): CodeRecord | RefreshRecord {
  const refuse = (description: string) => invalidGrant(emulator, description);
  if (!record || record.grant.revoked) throw refuse(`The ${what} is invalid or has been revoked.`);
  if (record.used) {
    record.grant.revoked = true;
    throw refuse(`The ${what} has already been used; every token issued from it is now revoked.`);
  }
  if (record.clientId !== emulator.settings.publishableKey) throw refuse(`The ${what} was issued to another client.`);
  if (record.expiresAt <= Date.now()) throw refuse(`The ${what} has expired.`);
  record.used = true;
  return record;
}

/** Real Bolt's plugins pass the modal's scope on unchanged; asking for more than the code was issued with is refused. */
function requireWithinCode(scopes: Scope[], record: CodeRecord | undefined): void {
  if (!record || record.used || record.grant.revoked) return;
  const wider = scopes.filter((scope) => !record.scopes.includes(scope));
  if (wider.length) {
    throw new OAuthError(
      400,
      "invalid_scope",
      `The requested scope is wider than the authorization code's: ${wider.join(", ")} was not granted (granted: ${record.scopes.join(" ")}).`,
    );
  }
}

async function exchangeCode(form: TokenForm, emulator: Emulator): Promise<Reply> {
  if (!form.code) throw invalidRequest("code is required.");
  const scopes = requireScope(form);
  const { settings, state } = emulator;
  const answers = answersOf(settings.profile);
  if (answers.scopeBoundToCode) requireWithinCode(scopes, state.tokens.code(form.code));
  const record = consume(emulator, state.tokens.code(form.code), "authorization code");
  const shopper = state.shoppers.get(record.shopperId);
  if (!shopper) throw invalidGrant(emulator, "The account behind this authorization code no longer exists.");
  const lifetimes = state.lifetimes.for(shopper.email, settings);
  const issued = state.tokens.issue(record, scopes, lifetimes);
  const idToken = scopes.includes("openid")
    ? await emulator.signer.sign({
        issuer: answers.idTokenIssuer === "discovery" ? emulator.issuer : answers.idTokenIssuer,
        audience: [audienceOf(settings.publishableKey)],
        ttlSeconds: settings.idTokenTtlSeconds,
        shopper,
      })
    : undefined;
  return json(
    200,
    {
      access_token: issued.accessToken,
      expires_in: lifetimes.accessTokenTtlSeconds,
      ...(idToken ? { id_token: idToken } : {}),
      refresh_token: issued.refreshToken,
      refresh_token_scope: "bolt.account.view",
      scope: scopes.join(" "),
      token_type: "bearer",
    },
    NO_STORE,
  );
}

/** A refresh always yields a `bolt.account.view` access token, whatever was asked: edits need a fresh login. */
function refresh(form: TokenForm, emulator: Emulator): Reply {
  if (!form.refresh_token) throw invalidRequest("refresh_token is required.");
  requireScope(form);
  const { settings, state } = emulator;
  const record = consume(emulator, state.tokens.refreshRecord(form.refresh_token), "refresh token");
  const shopper = state.shoppers.get(record.shopperId);
  if (!shopper) throw invalidGrant(emulator, "The account behind this refresh token no longer exists.");
  const lifetimes = state.lifetimes.for(shopper.email, settings);
  const issued = state.tokens.issue(record, ["bolt.account.view"], lifetimes);
  return json(
    200,
    {
      access_token: issued.accessToken,
      expires_in: lifetimes.accessTokenTtlSeconds,
      refresh_token: issued.refreshToken,
      refresh_token_scope: "bolt.account.view",
      scope: "bolt.account.view",
      token_type: "bearer",
    },
    NO_STORE,
  );
}

async function tokenHandler(request: ApiRequest, emulator: Emulator): Promise<Reply> {
  const form = readTokenForm(request);
  const { publishableKey, apiKey } = emulator.settings;
  // Bolt's Salesforce cartridge and Magento plugin send the key's last section as client_id; others the whole key.
  const clientKnown =
    safeEqual(form.client_id, publishableKey) || safeEqual(form.client_id, audienceOf(publishableKey));
  if (!clientKnown || !safeEqual(form.client_secret, apiKey)) {
    throw new OAuthError(
      403,
      "request_forbidden",
      "The request is forbidden: client_id or client_secret is missing or wrong.",
    );
  }
  if (form.grant_type === "authorization_code") return exchangeCode(form, emulator);
  if (form.grant_type === "refresh_token") return refresh(form, emulator);
  throw new OAuthError(
    403,
    "unsupported_grant_type",
    "The grant type is not supported by Bolt's authorization server.",
  );
}

export const tokenRoutes: Route[] = TOKEN_PATHS.map((pattern) => ({
  method: "POST",
  pattern,
  kind: "api",
  handler: tokenHandler,
}));
