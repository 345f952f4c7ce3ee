import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { SIGNED_OUT_HEADER, syncPageSession } from "@/lib/auth/page-session";
import { checkoutCookieName, checkoutCookieOptions, isCheckoutId, newCheckoutId } from "@/lib/checkout/checkout-id";
import { getEnv } from "@/lib/env";
import { getStaticPages } from "@/lib/http/csp-manifest";
import { buildApiSecurityHeaders, buildSecurityHeaders } from "@/lib/http/security-headers";

function setAll(headers: Headers, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) headers.set(name, value);
}

/**
 * The inline-script hashes when this request is answered with a page `next build` prerendered:
 * a GET of a static path (a POST there is a server action, rendered per request). `next dev`
 * renders every page per request, so there the nonce always applies.
 */
function staticPageHashes(request: NextRequest, development: boolean): readonly string[] | undefined {
  if (development || (request.method !== "GET" && request.method !== "HEAD")) return undefined;
  return getStaticPages().hashesFor(request.nextUrl.pathname);
}

/**
 * Runs before every page and API request (Node runtime). Static pages: security headers with the
 * build's hashes of their inline scripts, and nothing per shopper (no session work, no cookie), as
 * the same response goes to everyone. Other pages: end an idle session, refresh a nearly expired
 * access token so the render sees a fresh one, give /checkout its checkout id, then security
 * headers with a per-request CSP nonce, which Next reads from the request's CSP header and puts on
 * its own scripts. API routes: headers only; their handlers manage the session themselves.
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
    connectOrigin: env.boltConnectUrl,
    apiOrigin: env.boltApiUrl,
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
  const sink = NextResponse.next();
  const { signedOutNotice } = await syncPageSession(request, sink);

  // Built after the session work: it may have rotated the cookie this render must see.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete(SIGNED_OUT_HEADER);
  if (signedOutNotice) requestHeaders.set(SIGNED_OUT_HEADER, signedOutNotice);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", security["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const cookie of sink.cookies.getAll()) response.cookies.set(cookie);
  // Payment attempts are kept under the checkout's id, which must exist before the first "Place
  // order": then even an answer lost with a reload leaves the attempt findable (lib/checkout).
  const checkoutCookie = checkoutCookieName(env);
  if (request.nextUrl.pathname === "/checkout" && !isCheckoutId(request.cookies.get(checkoutCookie)?.value)) {
    response.cookies.set(checkoutCookie, newCheckoutId(), checkoutCookieOptions(!env.sessionCookieInsecure));
  }
  setAll(response.headers, security);
  return response;
}

export const config = {
  // Everything but build assets and static images; `/api/*` gets headers only (see above).
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|products/.*\\.svg$).*)"],
};
