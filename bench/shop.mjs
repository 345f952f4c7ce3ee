// HTTP steps the figures share: the emulator's test API (shoppers, codes, the request log, faults,
// lifetimes) through its typed client, and signing in at the storefront the way the browser does
// (POST /api/bolt/session).
import { unsealData } from "iron-session";
import { EmulatorTestClient, SANDBOX_CREDENTIALS } from "bolt-emulator/test-client";
import { APP_URL, EMULATOR_URL, SESSION_PASSWORD } from "./env.mjs";

export const SCOPE = "bolt.account.manage openid";
/** A product page: static, built once, the same for every visitor. */
export const PRODUCT_PATH = "/products/stoneware-mug";
/** One mug: a non-empty cart, so /checkout renders the checkout rather than the empty-cart message. */
export const CART_COOKIE = `cart=${encodeURIComponent(JSON.stringify([{ id: "lh-mug", quantity: 1 }]))}`;
/** Rendered once per saved address; its presence proves a signed-in checkout with Bolt's data. */
export const ADDRESS_MARKER = 'data-testid="address-option"';

export const bolt = new EmulatorTestClient(EMULATOR_URL, SANDBOX_CREDENTIALS);

/** `count` fresh codes, made before any timing starts (eight at a time, to be quick about it). */
export async function createCodes(count) {
  const codes = [];
  while (codes.length < count) {
    const batch = Math.min(8, count - codes.length);
    const shoppers = await Promise.all(Array.from({ length: batch }, () => bolt.createShopper()));
    codes.push(...shoppers.map((shopper) => shopper.oauthCode));
  }
  return codes;
}

/** What the storefront's login flow posts; resolves to the answer, checked to have started a session. */
export async function postSignIn(code, storefront = APP_URL) {
  const response = await fetch(`${storefront}/api/bolt/session`, {
    method: "POST",
    headers: { Origin: storefront, "Content-Type": "application/json" },
    body: JSON.stringify({ code, scope: SCOPE }),
  });
  await response.arrayBuffer();
  if (response.status !== 200 || !sessionSetCookie(response))
    throw new Error(`POST /api/bolt/session answered ${response.status} without a session cookie`);
  return response;
}

const sessionSetCookie = (response) => response.headers.getSetCookie().find((line) => line.startsWith("bolt_session="));

/** Signs in as the browser does; resolves to the session's whole `Set-Cookie` line. */
export async function signIn(code, storefront = APP_URL) {
  return sessionSetCookie(await postSignIn(code, storefront));
}

/** The `name=value` part of a `Set-Cookie` line, as the browser sends it back. */
export const cookiePair = (setCookie) => setCookie.split(";")[0];

/** A new shopper signed in at the storefront: the `Cookie` header of a signed-in shopper with a cart. */
export async function signedInCookies(storefront = APP_URL) {
  const shopper = await bolt.createShopper();
  return { email: shopper.email, cookie: `${cookiePair(await signIn(shopper.oauthCode, storefront))}; ${CART_COOKIE}` };
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
  return bolt.account(accessToken);
}

/** GET a storefront page with a `Cookie` header; fails unless it answers 200. */
export async function getPage(path, cookie, storefront = APP_URL) {
  const response = await fetch(`${storefront}${path}`, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return { response, html };
}

/** GET /api/health, the route with no session, no ledger and no Bolt: the load figures' reference. */
export async function getHealth(storefront = APP_URL) {
  const response = await fetch(`${storefront}/api/health`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET /api/health answered ${response.status}`);
}
