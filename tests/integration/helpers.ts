import { sealData, unsealData } from "iron-session";
import { expect } from "vitest";
import { EmulatorTestClient, SANDBOX_CREDENTIALS, type TestShopper } from "bolt-emulator/test-client";
import { SessionSchema, type SessionData } from "@/lib/session/schema";
import { TEST_TUNING, testAppEnv } from "@/tests/support/test-env.mjs";

// Talks to a running storefront (the test build's standalone server) and a running emulator, over HTTP
// only, as a browser and a test harness would. Both URLs come from the environment so a run can use free ports.

export const STOREFRONT = process.env.STOREFRONT_URL ?? "http://localhost:3210";
export const EMULATOR = process.env.BOLT_EMULATOR_URL ?? "http://localhost:4110";
export const SESSION_COOKIE = "bolt_session";
export const TIMEOUT_MS = TEST_TUNING.boltTimeoutMs;
/** A payment's own budget at Bolt (authorize, capture, …): longer than the account calls'. */
export const PAYMENT_TIMEOUT_MS = TEST_TUNING.boltPaymentTimeoutMs;

/** The passwords the storefront runs with (test env: ids 1 and 2), to open and forge seals. */
export const PASSWORDS = JSON.parse(process.env.SESSION_PASSWORD ?? testAppEnv.SESSION_PASSWORD) as Record<
  string,
  string
>;

/** The emulator's test API: shoppers, faults, lifetimes and the request log. */
export const bolt = new EmulatorTestClient(EMULATOR, SANDBOX_CREDENTIALS);

/** What a same-origin `fetch` from the storefront's own page sends. */
export const SAME_ORIGIN = { Origin: STOREFRONT, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" };

export function postSession(
  body: BodyInit | undefined,
  headers: Record<string, string> = SAME_ORIGIN,
): Promise<Response> {
  return fetch(`${STOREFRONT}/api/bolt/session`, { method: "POST", headers, body, redirect: "manual" });
}

/** The body the storefront's page posts; `attempt` is its per-tab nonce. */
export const signInBody = (code: string, attempt?: string) =>
  JSON.stringify({ code, scope: "bolt.account.manage openid", ...(attempt ? { attempt } : {}) });

/** A step-up sign-in (`stepUp: true`), as the page posts it while its step-up prompt is open. */
export function postStepUp(code: string, cookie?: string): Promise<Response> {
  return postSession(JSON.stringify({ ...JSON.parse(signInBody(code)), stepUp: true }), {
    ...SAME_ORIGIN,
    ...(cookie ? { Cookie: cookie } : {}),
  });
}

/** Signs in through the route handler and returns the `name=value` the browser would send back. */
export async function signIn(shopper: TestShopper): Promise<{ response: Response; cookie: string }> {
  const response = await postSession(signInBody(shopper.oauthCode));
  expect(response.status).toBe(200);
  return { response, cookie: sessionCookieOf(response) ?? "" };
}

export function setCookies(response: Response): string[] {
  return response.headers.getSetCookie();
}

/** The `bolt_session=…` pair a response sets, if any. */
export function sessionCookieOf(response: Response): string | undefined {
  return setCookies(response)
    .find((header) => header.startsWith(`${SESSION_COOKIE}=`))
    ?.split(";")[0];
}

export function sealOf(cookie: string): string {
  return cookie.slice(SESSION_COOKIE.length + 1);
}

/** The session a cookie holds, checked against the storefront's own schema. */
export async function unseal(cookie: string): Promise<SessionData> {
  return SessionSchema.parse(await unsealData(sealOf(cookie), { password: PASSWORDS }));
}

/** A seal of any fields under any passwords: the storefront's own shape, or a tampered one. */
export async function forge(
  fields: Record<string, unknown>,
  password: Record<string, string> = PASSWORDS,
  ttl = 3600,
): Promise<string> {
  return `${SESSION_COOKIE}=${await sealData(fields, { password, ttl })}`;
}

/** A page load as a browser makes it, with the given cookies. */
export function loadPage(cookie?: string, path = "/"): Promise<Response> {
  return fetch(`${STOREFRONT}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

/** Requests to `/v1/oauth/token` concerning this shopper, from the emulator's log. */
export function tokenCalls(email: string, grantType?: "authorization_code" | "refresh_token") {
  return bolt.requests({ email, path: "/v1/oauth/token", grantType });
}

/**
 * A refused request: the expected status, JSON `{ error, message }`, `no-store`, no cookie, and
 * never a 5xx other than the documented 502 (Bolt failed), 503 (the shared store can't guard the
 * code) and 504 (Bolt timed out).
 */
export async function expectRefused(response: Response, status: number): Promise<void> {
  expect(response.status).toBe(status);
  expect(setCookies(response)).toEqual([]);
  expect(response.headers.get("cache-control")).toBe("no-store");
  if (response.status >= 500) expect([502, 503, 504]).toContain(response.status);
  // Empty only for HEAD, which has no body by definition.
  const text = await response.text();
  if (text) expect(JSON.parse(text)).toEqual({ error: expect.any(String), message: expect.any(String) });
}
