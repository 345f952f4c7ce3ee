import { sealData, unsealData } from "iron-session";
import { expect } from "vitest";
import { SANDBOX_CREDENTIALS, testAppEnv } from "@/scripts/test-env.mjs";

// Talks to a running `next start` and a running emulator, over HTTP only, as a browser and a test
// harness would. Both URLs come from the environment so a run can use free ports.

export const STOREFRONT = process.env.STOREFRONT_URL ?? "http://localhost:3210";
export const EMULATOR = process.env.BOLT_EMULATOR_URL ?? "http://localhost:4110";
export const SESSION_COOKIE = "bolt_session";
export const TIMEOUT_MS = Number(process.env.BOLT_TIMEOUT_MS ?? testAppEnv.BOLT_TIMEOUT_MS);

/** The passwords the storefront runs with (test env: ids 1 and 2), to open and forge seals. */
export const PASSWORDS = JSON.parse(process.env.SESSION_PASSWORD ?? testAppEnv.SESSION_PASSWORD) as Record<
  string,
  string
>;

export type SessionFields = {
  v: number;
  sid: string;
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  scope: string;
  refreshTokenScope: string;
  sub: string;
  email: string;
  firstName?: string;
  createdAt: number;
};

export type Shopper = { email: string; code: string };

/** A new Bolt test shopper with a ready one-time authorization code. */
export async function createShopper(): Promise<Shopper> {
  const response = await fetch(`${EMULATOR}/v1/testing/shopper/create`, {
    method: "POST",
    headers: { "X-API-Key": SANDBOX_CREDENTIALS.apiKey, "Content-Type": "application/json" },
    body: JSON.stringify({ email_state: "verified", phone_state: "verified" }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { email: string; oauth_code: string };
  return { email: body.email, code: body.oauth_code };
}

/** What a same-origin `fetch` from the storefront's own page sends. */
export const SAME_ORIGIN = { Origin: STOREFRONT, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" };

export function postSession(
  body: BodyInit | undefined,
  headers: Record<string, string> = SAME_ORIGIN,
): Promise<Response> {
  return fetch(`${STOREFRONT}/api/bolt/session`, { method: "POST", headers, body, redirect: "manual" });
}

export const signInBody = (code: string) => JSON.stringify({ code, scope: "bolt.account.manage openid" });

/** Signs in through the route handler and returns the `name=value` the browser would send back. */
export async function signIn(shopper: Shopper): Promise<{ response: Response; cookie: string }> {
  const response = await postSession(signInBody(shopper.code));
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

export async function unseal(cookie: string): Promise<SessionFields> {
  return unsealData<SessionFields>(sealOf(cookie), { password: PASSWORDS });
}

export async function forge(
  fields: SessionFields,
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
export async function tokenCalls(email: string, grantType?: "authorization_code" | "refresh_token") {
  const query = new URLSearchParams({
    email,
    path: "/v1/oauth/token",
    ...(grantType ? { grant_type: grantType } : {}),
  });
  const response = await fetch(`${EMULATOR}/__emulator/requests?${query}`);
  const body = (await response.json()) as { requests: { status: number; grantType?: string }[] };
  return body.requests;
}

export type Fault = {
  path: string;
  method?: string;
  email?: string;
  status?: number;
  body?: "json" | "malformed" | "html" | "empty";
  latencyMs?: number;
  hang?: boolean;
  times?: number;
};

/** Injects a fault into the emulator; returns a function that removes it. */
export async function inject(fault: Fault): Promise<() => Promise<void>> {
  const response = await fetch(`${EMULATOR}/__emulator/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(fault),
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return async () => void (await fetch(`${EMULATOR}/__emulator/faults/${id}`, { method: "DELETE" }));
}

export async function setAccessTokenLifetime(email: string, seconds: number): Promise<void> {
  const response = await fetch(`${EMULATOR}/__emulator/lifetimes`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, accessTokenTtlSeconds: seconds }),
  });
  expect(response.ok).toBe(true);
}

/** Uses a refresh token directly at Bolt, as a thief or a second instance would. */
export async function refreshDirectly(refreshToken: string): Promise<number> {
  const response = await fetch(`${EMULATOR}/v1/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-API-Key": SANDBOX_CREDENTIALS.apiKey },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      scope: "bolt.account.view",
      client_id: SANDBOX_CREDENTIALS.publishableKey,
      client_secret: SANDBOX_CREDENTIALS.apiKey,
    }),
  });
  return response.status;
}

/**
 * A refused request: the expected status, JSON `{ error, message }`, `no-store`, no cookie, and
 * never a 5xx other than the documented 502 (Bolt failed) and 504 (Bolt timed out).
 */
export async function expectRefused(response: Response, status: number): Promise<void> {
  expect(response.status).toBe(status);
  expect(setCookies(response)).toEqual([]);
  expect(response.headers.get("cache-control")).toBe("no-store");
  if (response.status >= 500) expect([502, 504]).toContain(response.status);
  // Empty only for HEAD, which has no body by definition.
  const text = await response.text();
  if (text) expect(JSON.parse(text)).toEqual({ error: expect.any(String), message: expect.any(String) });
}
