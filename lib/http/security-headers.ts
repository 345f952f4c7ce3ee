/**
 * How a page's own scripts are allowed: a page rendered per request carries a fresh nonce (base64),
 * which Next puts on its scripts; a static page, the same for every visitor, lists the hashes of
 * its inline scripts (`'sha256-…'`, from the build's manifest). Either way, no `'unsafe-inline'`.
 */
export type PageScripts = { nonce: string } | { hashes: readonly string[] };

export type SecurityHeaderInput = {
  scripts: PageScripts;
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
 * sandbox only means changing `BOLT_CONNECT_URL` and `BOLT_API_URL` (static pages included: only
 * their hashes come from the build). Scripts run only from our origin, inline only when the nonce
 * or a hash allows them, and from Bolt's connect origin; only Bolt may be framed, and nobody may
 * frame us. A policy stays with its document through client-side navigations, so every page's
 * allows what checkout needs: embed.js, Bolt's frames and its API.
 */
export function buildSecurityHeaders({
  scripts,
  connectOrigin,
  apiOrigin,
  https,
  development,
}: SecurityHeaderInput): Record<string, string> {
  const connectSources = ["'self'", connectOrigin, ...(apiOrigin === connectOrigin ? [] : [apiOrigin])];
  const own = "nonce" in scripts ? [`'nonce-${scripts.nonce}'`] : scripts.hashes;
  const scriptSources = ["'self'", ...own, connectOrigin, ...(development ? ["'unsafe-eval'"] : [])];
  const csp = [
    "default-src 'self'",
    `script-src ${scriptSources.join(" ")}`,
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
