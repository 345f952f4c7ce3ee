import { randomBytes } from "node:crypto";
import { nextProxyCookies } from "iron-session";
import { NextResponse, type NextRequest } from "next/server";
import { boltSources } from "@/lib/bolt/hosts";
import { checkoutCookieName, checkoutCookieOptions, isCheckoutId, newCheckoutId } from "@/lib/checkout/checkout-id";
import { getEnv } from "@/lib/env";
import { getStaticPages } from "@/lib/http/csp-manifest";
import { buildApiSecurityHeaders, buildSecurityHeaders } from "@/lib/http/security-headers";
import { isPrefetch, keepPageSession } from "@/lib/session/upkeep";

function setAll(headers: Headers, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) headers.set(name, value);
}

/** A POST to a static path is a server action, rendered per request; `next dev` renders every page per request. */
function staticPageHashes(request: NextRequest, development: boolean): readonly string[] | undefined {
  if (development || (request.method !== "GET" && request.method !== "HEAD")) return undefined;
  return getStaticPages().hashesFor(request.nextUrl.pathname);
}

/**
 * Static pages get the build's script hashes and nothing per shopper: the same response goes to everyone.
 * Other pages get session upkeep, their checkout id and a per-request CSP nonce, which Next reads from
 * the request's CSP header. API routes get headers only; their handlers keep the session themselves.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const env = getEnv();
  const https = (env.appOrigin ?? request.nextUrl.origin).startsWith("https:");
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    setAll(response.headers, buildApiSecurityHeaders({ https }));
    return response;
  }
  const origins = {
    bolt: boltSources({ connect: env.boltConnectUrl, account: env.boltAccountUrl, api: env.boltApiUrl }),
    https,
    development: env.isDevelopment,
  };

  const hashes = staticPageHashes(request, env.isDevelopment);
  if (hashes) {
    const response = NextResponse.next();
    setAll(response.headers, buildSecurityHeaders({ scripts: { hashes }, ...origins }));
    return response;
  }

  const nonce = randomBytes(16).toString("base64");
  const security = buildSecurityHeaders({ scripts: { nonce }, ...origins });
  // Written through nextProxyCookies, so the page rendered in this same request sees the new cookies.
  const sink = NextResponse.next();
  await keepPageSession(nextProxyCookies(request, sink), request);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", security["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const cookie of sink.cookies.getAll()) response.cookies.set(cookie);
  // The id must exist before the first "Place order", so even an answer lost with a reload stays findable.
  // Not from a prefetch, which sets no cookie: answered late, it would replace the id a page load set.
  const checkoutCookie = checkoutCookieName(env);
  const needsId = !isCheckoutId(request.cookies.get(checkoutCookie)?.value) && !isPrefetch(request.headers);
  if (request.nextUrl.pathname === "/checkout" && needsId) {
    response.cookies.set(checkoutCookie, newCheckoutId(), checkoutCookieOptions(!env.sessionCookieInsecure));
  }
  setAll(response.headers, security);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|products/.*\\.svg$).*)"],
};
