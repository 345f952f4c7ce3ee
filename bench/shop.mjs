// HTTP steps the figures share: shoppers and codes from the emulator's testing API, its admin
// hooks, and signing in at the storefront the way the browser does (POST /api/bolt/session).
import { unsealData } from "iron-session";
import { SANDBOX_CREDENTIALS } from "../scripts/test-env.mjs";
import { APP_URL, EMULATOR_URL, SESSION_PASSWORD } from "./env.mjs";

export const SCOPE = "bolt.account.manage openid";
/** One mug: a non-empty cart, so /checkout renders the checkout rather than the empty-cart message. */
export const CART_COOKIE = `cart=${encodeURIComponent(JSON.stringify([{ id: "lh-mug", quantity: 1 }]))}`;
/** Rendered once per saved address; its presence proves a signed-in checkout with Bolt's data. */
export const ADDRESS_MARKER = 'data-testid="address-option"';

async function call(method, path, body, headers = {}) {
  const response = await fetch(`${EMULATOR_URL}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A fresh shopper with one saved address, and a ready single-use authorization code. */
export async function createShopper() {
  const body = await call(
    "POST",
    "/v1/testing/shopper/create",
    { email_state: "verified", phone_state: "verified", has_address: true },
    { "X-API-Key": SANDBOX_CREDENTIALS.apiKey, "X-Publishable-Key": SANDBOX_CREDENTIALS.publishableKey },
  );
  return { email: body.email, code: body.oauth_code };
}

/** `count` fresh codes, made before any timing starts (eight at a time, to be quick about it). */
export async function createCodes(count) {
  const codes = [];
  while (codes.length < count) {
    const batch = Math.min(8, count - codes.length);
    const shoppers = await Promise.all(Array.from({ length: batch }, createShopper));
    codes.push(...shoppers.map((shopper) => shopper.code));
  }
  return codes;
}

/** What a merchant back end sends Bolt: the code exchange, straight at the emulator. */
export async function exchangeDirect(code) {
  const response = await fetch(`${EMULATOR_URL}/v1/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      client_id: SANDBOX_CREDENTIALS.publishableKey,
      client_secret: SANDBOX_CREDENTIALS.apiKey,
      scope: SCOPE,
    }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`direct code exchange answered ${response.status}`);
}

/** What the storefront's login flow posts; resolves to the session's whole `Set-Cookie` line. */
export async function signIn(code) {
  const response = await fetch(`${APP_URL}/api/bolt/session`, {
    method: "POST",
    headers: { Origin: APP_URL, "Content-Type": "application/json" },
    body: JSON.stringify({ code, scope: SCOPE }),
  });
  await response.arrayBuffer();
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith("bolt_session="));
  if (response.status !== 200 || !setCookie)
    throw new Error(`POST /api/bolt/session answered ${response.status} without a session cookie`);
  return setCookie;
}

/** The `name=value` part of a `Set-Cookie` line, as the browser sends it back. */
export const cookiePair = (setCookie) => setCookie.split(";")[0];

/** A new shopper signed in at the storefront: the `Cookie` header of a signed-in shopper with a cart. */
export async function signedInCookies() {
  const shopper = await createShopper();
  return { email: shopper.email, cookie: `${cookiePair(await signIn(shopper.code))}; ${CART_COOKIE}` };
}

/** Replaces the session cookie in a `Cookie` header when a response rotated it (a refresh). */
export function withRotatedSession(cookie, response) {
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith("bolt_session="));
  return setCookie ? cookie.replace(/bolt_session=[^;]*/, cookiePair(setCookie)) : cookie;
}

/** The session sealed in a `bolt_session` value; the bench knows the password it gave the storefront. */
export function unsealSession(seal) {
  return unsealData(seal, { password: { 1: SESSION_PASSWORD } });
}

/** The shopper's saved details as Bolt holds them, read with the session's own access token. */
export async function accountOf(cookie) {
  const { accessToken } = await unsealSession(cookie.match(/bolt_session=([^;]*)/)[1]);
  return call("GET", "/v1/account", undefined, {
    Authorization: `Bearer ${accessToken}`,
    "X-API-Key": SANDBOX_CREDENTIALS.apiKey,
  });
}

/** The emulator's log of API requests (admin hook); entries name method, path, status and grant. */
export async function requestLog() {
  return (await call("GET", "/__emulator/requests")).requests;
}

export async function clearRequestLog() {
  await call("DELETE", "/__emulator/requests");
}

/** Short-lived tokens for one shopper: applies to tokens minted after the call. */
export async function setAccessTokenTtl(email, seconds) {
  await call("POST", "/__emulator/lifetimes", { email, accessTokenTtlSeconds: seconds });
}

/** Delays every answer on `path` (admin fault rule); returns a function that removes it. */
export async function addLatency(path, latencyMs) {
  const { id } = await call("POST", "/__emulator/faults", { path, latencyMs });
  return () => call("DELETE", `/__emulator/faults/${id}`);
}

/** GET a storefront page with a `Cookie` header; fails unless it answers 200. */
export async function getPage(path, cookie) {
  const response = await fetch(`${APP_URL}${path}`, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return { response, html };
}
