import { expect } from "vitest";
import { sessionCookieOf, setCookies, SESSION_COOKIE, signInBody } from "../integration/helpers";

// A shopper's requests against a cluster: to the balancer or to one instance, always with the
// Origin the storefront expects (its APP_ORIGIN, the balancer), as its own pages would send.

export const CART_COOKIE = `cart=${encodeURIComponent(JSON.stringify([{ id: "lh-mug", quantity: 1 }]))}`;

export function postCode(
  base: string,
  origin: string,
  code: string,
  { attempt, ip }: { attempt?: string; ip?: string } = {},
): Promise<Response> {
  return fetch(`${base}/api/bolt/session`, {
    method: "POST",
    headers: {
      Origin: origin,
      "Sec-Fetch-Site": "same-origin",
      "Content-Type": "application/json",
      ...(ip ? { "X-Client-IP": ip } : {}),
    },
    body: signInBody(code, attempt),
  });
}

export async function signedIn(base: string, origin: string, code: string): Promise<string> {
  const response = await postCode(base, origin, code);
  expect(response.status).toBe(200);
  return sessionCookieOf(response) ?? "";
}

export function logOut(base: string, origin: string, cookie: string): Promise<Response> {
  return fetch(`${base}/api/bolt/session`, {
    method: "DELETE",
    headers: { Origin: origin, "Sec-Fetch-Site": "same-origin", Cookie: cookie },
  });
}

export type Page = { status: number; html: string; cookie: string | undefined; cleared: boolean };

/**
 * A page load as a browser makes it; `signedIn` is what the page shows, not what the cookie says:
 * a page rendered per request (the cart, by default) shows it in its header, and the static pages'
 * header learns it from GET /api/bolt/session.
 */
export async function load(base: string, cookie?: string, path = "/cart"): Promise<Page & { signedIn: boolean }> {
  const response = await fetch(`${base}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  const html = await response.text();
  return {
    status: response.status,
    html,
    cookie: sessionCookieOf(response),
    cleared: setCookies(response).some((line) => line.startsWith(`${SESSION_COOKIE}=;`)),
    signedIn: html.includes('data-testid="signed-in-button"') || html.startsWith('{"signedIn":true'),
  };
}
