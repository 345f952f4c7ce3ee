import "server-only";
import { cookies } from "next/headers";
import {
  BoltError,
  BoltOAuthError,
  BoltTimeoutError,
  exchangeAuthorizationCode,
  SCOPE,
  verifyIdToken,
  type IdTokenClaims,
  type TokenSet,
} from "@/lib/bolt";
import { getEnv } from "@/lib/env";
import { jsonError, jsonResponse } from "@/lib/http/json";
import { processSingleton } from "@/lib/session/process-state";
import { cookieStoreJar, newSession, SessionTooLargeError, writeSession } from "@/lib/session/store";
import { CodeGuard, CodeReplayError } from "./code-guard";
import { requestedScope, SignInBody } from "./sign-in-body";
import { assertJsonContentType, assertSameOrigin, readJsonBody, RequestRejected } from "./request-checks";

const MAX_BODY_BYTES = 4096;

type SignedIn = { tokens: TokenSet & { refreshToken: string }; claims: IdTokenClaims };

const guard = processSingleton("code-guard", () => new CodeGuard<SignedIn>(10 * 60_000, 10_000));

async function exchangeAndVerify(code: string, scope: string): Promise<SignedIn> {
  const tokens = await exchangeAuthorizationCode(code, requestedScope(scope));
  return { tokens, claims: await verifyIdToken(tokens.idToken) };
}

function failure(error: unknown): Response {
  if (error instanceof CodeReplayError) {
    return jsonError(422, "code_used", "This sign-in code was already used. Please sign in with Bolt again.");
  }
  if (error instanceof BoltOAuthError && error.isInvalidGrant) {
    return jsonError(
      422,
      "code_rejected",
      "This sign-in code has expired or was already used. Please sign in with Bolt again.",
    );
  }
  if (!(error instanceof BoltError)) throw error;
  console.warn(`[sign-in] ${error.message}`);
  if (error instanceof BoltTimeoutError)
    return jsonError(504, "bolt_timeout", "Bolt didn't answer in time. Please try signing in again.");
  return jsonError(502, "bolt_error", "Bolt couldn't complete the sign-in. Please try again.");
}

/**
 * `POST /api/bolt/session`: exchanges the login modal's code and starts a new session. The checks
 * run cheapest first and all before Bolt is called. On success the cookie holds the tokens and the
 * answer holds none; on failure no cookie is set.
 */
export async function signIn(request: Request): Promise<Response> {
  assertSameOrigin(request, getEnv().appOrigin);
  assertJsonContentType(request);
  const body = SignInBody.safeParse(await readJsonBody(request, MAX_BODY_BYTES));
  if (!body.success) {
    throw new RequestRejected(
      400,
      "invalid_body",
      "The request must be { code, scope } with a code of printable characters.",
    );
  }
  let signedIn: SignedIn;
  try {
    signedIn = await guard.run(body.data.code, () => exchangeAndVerify(body.data.code, body.data.scope));
  } catch (error) {
    return failure(error);
  }
  const { tokens, claims } = signedIn;
  // A brand-new session: nothing from a cookie the browser may already carry is kept (login CSRF, fixation).
  const session = newSession({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    scope: tokens.scope,
    refreshTokenScope: tokens.refreshTokenScope ?? SCOPE.view,
    sub: claims.sub,
    email: claims.email,
    ...(claims.firstName ? { firstName: claims.firstName } : {}),
  });
  try {
    await writeSession(cookieStoreJar(await cookies()), session);
  } catch (error) {
    if (!(error instanceof SessionTooLargeError)) throw error;
    console.warn(`[sign-in] ${error.message}: Bolt's tokens or profile are larger than this storefront allows`);
    return jsonError(
      502,
      "session_too_large",
      "Bolt's sign-in details are too large for this store's session. Please contact the store.",
    );
  }
  return jsonResponse(200, { signedIn: true, email: claims.email, firstName: claims.firstName ?? null });
}
