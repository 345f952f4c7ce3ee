import "server-only";
import * as z from "zod";
import {
  BoltError,
  BoltOAuthError,
  BoltTimeoutError,
  exchangeAuthorizationCode,
  SCOPE,
  supportCode,
  verifyIdToken,
  withSupportCode,
} from "@/lib/bolt";
import { scopeList } from "@/lib/bolt/scopes";
import { getEnv, type Env } from "@/lib/env";
import { jsonError, jsonResponse } from "@/lib/http/json";
import { ServerTiming } from "@/lib/http/server-timing";
import { logSecurityEvent } from "@/lib/log/security-events";
import { clientIp, consume, RateLimitedError, rateLimitedResponse } from "@/lib/rate-limit";
import { SessionSchema, type SessionData } from "@/lib/session/schema";
import { openHandoff, sealHandoff } from "@/lib/session/sealing";
import { newSession, readSession, SessionTooLargeError, writeSession, type CookieJar } from "@/lib/session/cookie";
import { rotateCheckoutId } from "@/lib/checkout/checkout-id";
import { denySession } from "@/lib/session/denylist";
import { forgetSignOut } from "@/lib/session/signed-out-here";
import { getKv, KvUnavailableError } from "@/lib/kv";
import { CodeGuard, CodeInUseError, CodeReplayError, type OutcomeCodec } from "./code-guard";
import { assertJsonContentType, assertSameOrigin, readJsonBody, RequestRejected } from "./request-checks";
import { errorFields, log } from "@/lib/log/logger";

const MAX_BODY_BYTES = 4096;

/**
 * Bolt's Hydra-style codes (`xxxx.yyyy`, 43 characters each in Bolt's examples): anything else is refused
 * before it spends a shared budget or reaches Bolt or a log.
 */
export const CODE_SHAPE = /^[A-Za-z0-9_-]{20,256}(?:\.[A-Za-z0-9_-]{20,256})?$/;

/**
 * `attempt` is the tab's in-memory nonce: a double submit carries it and gets the same session; a
 * copy of the code lifted from Bolt's `postMessage` does not. `stepUp` confirms the signed-in account.
 */
export const SignInBody = z.strictObject({
  code: z.string().regex(CODE_SHAPE),
  scope: z
    .string()
    .max(256)
    .regex(/^[\x20-\x7E]*$/),
  attempt: z
    .string()
    .regex(/^[\w-]{16,64}$/)
    .optional(),
  stepUp: z.literal(true).optional(),
});

/** Checked on the modal's scope before Bolt is called, and on the scope Bolt granted after. */
export function missingScope(scope: string): string | undefined {
  const scopes = scopeList(scope);
  if (!scopes.includes(SCOPE.openid)) return SCOPE.openid;
  if (!scopes.includes(SCOPE.manage) && !scopes.includes(SCOPE.view)) return SCOPE.manage;
  return undefined;
}

/** A failure is an outcome too, so a duplicate of the attempt gets the same answer. */
const Outcome = z.union([
  z.strictObject({ ok: z.literal(true), session: SessionSchema }),
  z.strictObject({
    ok: z.literal(false),
    error: z.enum(["code_rejected", "bolt_timeout", "bolt_error", "scope_not_granted"]),
    supportCode: z.string().max(16).optional(),
  }),
]);
type Outcome = z.infer<typeof Outcome>;

const codec: OutcomeCodec<Outcome> = {
  seal: (outcome, ttlMs) => sealHandoff("sign-in-handoff", outcome, ttlMs),
  open: (seal) => openHandoff("sign-in-handoff", seal, Outcome),
};

function codeGuard(env: Env): CodeGuard<Outcome> {
  return new CodeGuard(
    getKv(),
    { memoryMs: 10 * 60_000, inFlightMs: 2 * env.boltTimeoutMs + 2_000, pollMs: 50 },
    codec,
  );
}

/** Exactly the scope the modal gave, as Bolt's own integrations pass it: Bolt refuses a wider one (`invalid_scope`). */
async function exchange(code: string, scope: string, timing: ServerTiming): Promise<Outcome> {
  try {
    const tokens = await timing.bolt(() => exchangeAuthorizationCode(code, scope));
    const lacking = missingScope(tokens.scope);
    if (lacking) {
      log.warn("sign-in: Bolt did not grant the scope the store needs", { granted: tokens.scope, lacking });
      return { ok: false, error: "scope_not_granted" };
    }
    const claims = await verifyIdToken(tokens.idToken);
    // Nothing from a cookie the browser may already carry is kept (login CSRF, fixation).
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
    return { ok: true, session };
  } catch (error) {
    const code = supportCode(error);
    if (error instanceof BoltOAuthError && error.isInvalidGrant) {
      logSecurityEvent({ event: "invalid_grant", grant: "authorization_code" });
      return { ok: false, error: "code_rejected", supportCode: code };
    }
    if (!(error instanceof BoltError)) throw error;
    log.warn("sign-in: the code exchange failed", { ...errorFields(error), boltTraceId: error.traceId });
    return { ok: false, error: error instanceof BoltTimeoutError ? "bolt_timeout" : "bolt_error", supportCode: code };
  }
}

const FAILED: Record<Extract<Outcome, { ok: false }>["error"], [status: number, message: string]> = {
  code_rejected: [422, "This sign-in code has expired or was already used. Please sign in with Bolt again."],
  bolt_timeout: [504, "Bolt didn't answer in time. Please try signing in again."],
  bolt_error: [502, "Bolt couldn't complete the sign-in. Please try again."],
  scope_not_granted: [
    502,
    "Bolt didn't grant this store access to your saved details. Please sign in with Bolt again.",
  ],
};

function refused(error: unknown): Response {
  if (error instanceof RateLimitedError) {
    return rateLimitedResponse(error, "Too many sign-in attempts. Please wait a moment and try again.");
  }
  if (error instanceof KvUnavailableError) {
    logSecurityEvent({ event: "store_unavailable", use: "code guard", fallback: "sign-in refused with 503" });
    return jsonError(503, "sign_in_unavailable", "Signing in is briefly unavailable. Please try again in a moment.", {
      "Retry-After": "5",
    });
  }
  if (error instanceof CodeInUseError) {
    logSecurityEvent({ event: "code_replayed", state: "in_use" });
    return jsonError(409, "code_in_use", "This sign-in code is already being used. Please sign in with Bolt again.");
  }
  if (error instanceof CodeReplayError) {
    logSecurityEvent({ event: "code_replayed", state: "used" });
    return jsonError(422, "code_used", "This sign-in code was already used. Please sign in with Bolt again.");
  }
  throw error;
}

async function limitSignIn(request: Request, env: Env): Promise<void> {
  const ip = clientIp(request.headers, env.trustedIpHeader);
  if (ip) await consume("signInPerIp", ip, ip);
  await consume("tokenExchanges", "all");
}

/** Read before Bolt is called: a step-up with nothing to confirm must not spend the code. */
async function sessionToConfirm(jar: CookieJar): Promise<SessionData> {
  const current = await readSession(jar, "required");
  if (current.status === "valid") return current.session;
  logSecurityEvent({ event: "step_up_refused", reason: "no_session" });
  throw new RequestRejected(
    401,
    "step_up_without_session",
    "You're no longer signed in, so there is nothing to confirm and nothing was changed. Please sign in again.",
  );
}

async function currentSession(jar: CookieJar): Promise<SessionData | undefined> {
  const current = await readSession(jar);
  return current.status === "valid" ? current.session : undefined;
}

/** Bolt's modal binds its code to nothing we sent, so a step-up that comes back as another account is refused here. */
function accountChanged(timing: ServerTiming): Response {
  logSecurityEvent({ event: "step_up_refused", reason: "account_changed" });
  return jsonError(
    409,
    "account_mismatch",
    "You confirmed a different Bolt account from the one signed in here, so your change was not made. You're still signed in as before.",
    timing.header(),
  );
}

/**
 * A step-up renews the session for the same account only. Every check runs before Bolt is called; the
 * answer holds no token; the session it replaces is revoked.
 */
export async function signIn(request: Request, jar: CookieJar): Promise<Response> {
  const timing = new ServerTiming();
  const env = getEnv();
  assertSameOrigin(request, env.appOrigin);
  assertJsonContentType(request);
  const body = SignInBody.safeParse(await readJsonBody(request, MAX_BODY_BYTES));
  if (!body.success) {
    throw new RequestRejected(400, "invalid_body", "The request must be { code, scope } with a code Bolt issued.");
  }
  const { code, scope, attempt, stepUp } = body.data;
  const lacking = missingScope(scope);
  if (lacking) {
    throw new RequestRejected(400, "scope_insufficient", `Bolt's sign-in must grant ${lacking} for this store.`);
  }
  let outcome: Outcome;
  let confirming: SessionData | undefined;
  let replacing: SessionData | undefined;
  try {
    if (stepUp) confirming = await sessionToConfirm(jar);
    replacing = confirming ?? (await currentSession(jar));
    await limitSignIn(request, env);
    outcome = await codeGuard(env).run(code, attempt, () => exchange(code, scope, timing));
  } catch (error) {
    return refused(error);
  }
  if (!outcome.ok) {
    const [status, message] = FAILED[outcome.error];
    return jsonError(status, outcome.error, withSupportCode(message, outcome.supportCode), timing.header());
  }
  const { session } = outcome;
  if (confirming && session.sub !== confirming.sub) return accountChanged(timing);
  try {
    await writeSession(jar, session);
    forgetSignOut(jar);
    // A copy of the replaced cookie (say, one taken before a step-up) stops working, on every instance.
    if (replacing && replacing.sid !== session.sid) {
      await denySession(replacing.sid, replacing.createdAt + env.sessionMaxAgeMs, "replaced");
    }
  } catch (error) {
    if (!(error instanceof SessionTooLargeError)) throw error;
    log.warn("sign-in: Bolt's tokens or profile are larger than this storefront allows", errorFields(error));
    return jsonError(
      502,
      "session_too_large",
      "Bolt's sign-in details are too large for this store's session. Please contact the store.",
    );
  }
  // A new shopper at this browser starts a checkout of their own; a step-up is the same shopper, mid-checkout.
  if (!confirming) rotateCheckoutId(jar);
  return jsonResponse(
    200,
    { signedIn: true, email: session.email, firstName: session.firstName ?? null },
    timing.header(),
  );
}
