import * as z from "zod";
import { safeEqual } from "../http/credentials";
import { JsonHttpError } from "../http/errors";
import { headerValue, json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody, queryObject } from "../http/validate";
import type { Emulator } from "../state";
import { LOCK_MS } from "./login-locks";
import { loginModalPage } from "./login-modal-page";
import { loginStatusPage } from "./login-status-page";
import { framedPage, NO_STORE } from "./framed-page";
import { embedScript } from "./embed-script";
import { staticFile } from "./static-file";
import { isAllowedOrigin, isSelfOrigin } from "./origins";
import { readSessionCookie, sessionCookie } from "./sessions";
import type { Scope } from "../store/tokens";

/** The scopes of a code minted by the modal; Bolt's LoginResult carries them space-separated. */
export const LOGIN_SCOPES: Scope[] = ["bolt.account.manage", "openid"];
export const LOGIN_SCOPE = LOGIN_SCOPES.join(" ");

const ModalQuery = z.object({ email: z.email().optional().catch(undefined) });

/** Bolt's login modal, framed by the storefront; `context` (sign_in, checkout…) changes nothing here. */
function loginModal(request: ApiRequest, emulator: Emulator): Reply {
  return framedPage(request, emulator, ({ origin, problem, query }) => {
    const { email } = ModalQuery.parse(queryObject(query));
    return loginModalPage({ origin, email, otp: emulator.settings.otp, problem });
  });
}

const VerifyBody = z.strictObject({
  email: z.email(),
  otp: z.string().regex(/^\d{6}$/, { error: "the code has 6 digits" }),
});

function lockedError(remainingMs: number): JsonHttpError {
  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return new JsonHttpError(429, {
    error: "locked",
    message: `Too many wrong codes. For your security, sign-in for this email is locked for ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    retryAfterSeconds: Math.ceil(remainingMs / 1000),
  });
}

/** Only the emulator's own pages (the modal, the payment field) may call these endpoints. */
export function requireSameOrigin(request: ApiRequest): void {
  if (!isSelfOrigin(headerValue(request.headers, "origin"), request.headers.host)) {
    throw new JsonHttpError(403, { error: "forbidden", message: "Only Bolt's own pages may call this endpoint." });
  }
}

/** Checks the one-time code, then mints a single-use authorization code and opens the shopper's Bolt session. */
function verifyCode(request: ApiRequest, emulator: Emulator): Reply {
  requireSameOrigin(request);
  const { email, otp } = parseJsonBody(
    VerifyBody,
    request.body,
    (message) => new JsonHttpError(422, { error: "invalid_request", message }),
  );
  const { shoppers, loginLocks, tokens, sessions, lifetimes } = emulator.state;
  const { settings } = emulator;
  const shopper = shoppers.findByEmail(email);
  if (!shopper)
    throw new JsonHttpError(404, { error: "no_account", message: "There's no Bolt account for this email." });
  const locked = loginLocks.lockedFor(email);
  if (locked > 0) throw lockedError(locked);
  if (!safeEqual(otp, settings.otp)) {
    const left = loginLocks.fail(email);
    if (left === 0) throw lockedError(LOCK_MS);
    throw new JsonHttpError(401, {
      error: "invalid_code",
      message: `That code isn't right. ${left} attempt${left === 1 ? "" : "s"} left.`,
      attemptsLeft: left,
    });
  }
  loginLocks.succeed(email);
  const authorizationCode = tokens.mintCode(
    shopper.id,
    settings.publishableKey,
    lifetimes.for(shopper.email, settings).codeTtlSeconds,
    LOGIN_SCOPES,
  );
  const session = sessions.open(shopper.id);
  return json(
    200,
    { email: shopper.email, authorizationCode, scope: LOGIN_SCOPE },
    { ...NO_STORE, "Set-Cookie": sessionCookie(session) },
  );
}

/** CORS with credentials, for embed.js on an allowed storefront origin. */
function credentialedCors(request: ApiRequest, emulator: Emulator): Record<string, string> {
  const origin = headerValue(request.headers, "origin") ?? "";
  if (!isSelfOrigin(origin, request.headers.host) && !isAllowedOrigin(origin, emulator.settings.allowedOrigins)) {
    throw new JsonHttpError(403, { error: "forbidden", message: "This origin may not use the Bolt session." });
  }
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    Vary: "Origin",
    ...NO_STORE,
  };
}

/** `attemptLogin`: a shopper with a Bolt session gets a fresh code without typing anything. */
function silentLogin(request: ApiRequest, emulator: Emulator): Reply {
  const headers = credentialedCors(request, emulator);
  const { sessions, shoppers, tokens, lifetimes } = emulator.state;
  const shopper = shoppers.get(sessions.shopperOf(readSessionCookie(headerValue(request.headers, "cookie"))) ?? "");
  if (!shopper) return json(200, {}, headers);
  const { settings } = emulator;
  const authorizationCode = tokens.mintCode(
    shopper.id,
    settings.publishableKey,
    lifetimes.for(shopper.email, settings).codeTtlSeconds,
    LOGIN_SCOPES,
  );
  return json(200, { email: shopper.email, authorizationCode, scope: LOGIN_SCOPE }, headers);
}

/** Bolt's login status component: who this browser's Bolt session belongs to, read from its cookie. */
function loginStatus(request: ApiRequest, emulator: Emulator): Reply {
  const { sessions, shoppers } = emulator.state;
  const shopper = shoppers.get(sessions.shopperOf(readSessionCookie(headerValue(request.headers, "cookie"))) ?? "");
  return framedPage(request, emulator, (input) => loginStatusPage(input, shopper));
}

/**
 * `Bolt.helpers.logout()`, or the login status's logout control: ends the Bolt session so `attemptLogin`
 * no longer signs the shopper in.
 */
function logout(request: ApiRequest, emulator: Emulator): Reply {
  const headers = credentialedCors(request, emulator);
  emulator.state.sessions.close(readSessionCookie(headerValue(request.headers, "cookie")));
  return { status: 204, headers: { ...headers, "Set-Cookie": sessionCookie("", 0) } };
}

export const connectRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/embed.js",
    kind: "connect",
    handler: embedScript,
    cors: true,
  },
  {
    method: "GET",
    pattern: "/connect/login-modal.js",
    kind: "connect",
    handler: staticFile("login-modal.js", "text/javascript; charset=utf-8", "no-cache"),
  },
  {
    method: "GET",
    pattern: "/connect/base.css",
    kind: "connect",
    handler: staticFile("base.css", "text/css; charset=utf-8", "no-cache"),
  },
  {
    method: "GET",
    pattern: "/connect/login-modal.css",
    kind: "connect",
    handler: staticFile("login-modal.css", "text/css; charset=utf-8", "no-cache"),
  },
  {
    method: "GET",
    pattern: "/connect/images/bolt-mark.svg",
    kind: "connect",
    handler: staticFile("bolt-mark.svg", "image/svg+xml", "public, max-age=300"),
  },
  { method: "GET", pattern: "/login-modal", kind: "connect", handler: loginModal },
  { method: "POST", pattern: "/connect/login/verify", kind: "connect", handler: verifyCode },
  { method: "POST", pattern: "/connect/login/silent", kind: "connect", handler: silentLogin },
  { method: "POST", pattern: "/connect/logout", kind: "connect", handler: logout },
  { method: "GET", pattern: "/connect/login-status", kind: "connect", handler: loginStatus },
  {
    method: "GET",
    pattern: "/connect/login-status.js",
    kind: "connect",
    handler: staticFile("login-status.js", "text/javascript; charset=utf-8", "no-cache"),
  },
];
