export type SecurityHeaderInput = {
  /** Fresh per request, base64. */
  nonce: string;
  /** Where embed.js and the login modal's iframe come from (`BOLT_CONNECT_URL`). */
  connectOrigin: string;
  /** Bolt's API (`BOLT_API_URL`); embed.js may call it from the page. */
  apiOrigin: string;
  /** Served over https: only then is HSTS meaningful (browsers ignore it on http). */
  https: boolean;
  /** `next dev` needs `eval` for React's debugging features; production never does. */
  development: boolean;
};

const HSTS = "max-age=63072000; includeSubDomains";
const COMMON = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=()",
};

/**
 * Headers for every page, computed per request from the environment, so switching to Bolt's
 * sandbox only means changing `BOLT_CONNECT_URL` and `BOLT_API_URL`. Scripts run only from our
 * origin (with this request's nonce, which Next puts on its own inline scripts) and from Bolt's
 * connect origin; only Bolt may be framed, and nobody may frame us.
 */
export function buildSecurityHeaders({
  nonce,
  connectOrigin,
  apiOrigin,
  https,
  development,
}: SecurityHeaderInput): Record<string, string> {
  const connectSources = ["'self'", connectOrigin, ...(apiOrigin === connectOrigin ? [] : [apiOrigin])];
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${connectOrigin}${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connectSources.join(" ")}`,
    `frame-src ${connectOrigin}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");
  return { "Content-Security-Policy": csp, ...COMMON, ...(https ? { "Strict-Transport-Security": HSTS } : {}) };
}

/** JSON endpoints render nothing, so their policy allows nothing. */
export function buildApiSecurityHeaders({ https }: Pick<SecurityHeaderInput, "https">): Record<string, string> {
  return {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    ...COMMON,
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
