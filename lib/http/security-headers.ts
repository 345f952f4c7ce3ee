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

/**
 * Where browsers send violations: app/api/csp-report (lib/http/csp-report.ts). `report-uri` works in
 * every browser today. A `report-to` directive would make Chromium drop `report-uri` for the
 * Reporting API's batched delivery, which headless Chromium did not deliver in our tests within 75 s;
 * the endpoint reads that format as well, so adding it (with a Reporting-Endpoints header) is a choice
 * left open.
 */
const REPORTING = "report-uri /api/csp-report";

/**
 * The `style` attributes the store's own pages render: next/image's `color:transparent` (it hides
 * the alt text while the image loads). A style attribute can't carry a nonce, so each is allowed by
 * its hash alone (`'unsafe-hashes'`): an injected one is not.
 */
const STYLE_ATTRIBUTE_HASHES = ["'sha256-zlqnbDt84zf1iSefLU/ImC54isoprH/MRiVZGskwexk='"];
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
  const nonces = "nonce" in scripts ? [`'nonce-${scripts.nonce}'`] : [];
  const own = "hashes" in scripts ? scripts.hashes : nonces;
  // 'strict-dynamic': only scripts the nonce or a hash allows run, and whatever they load (Next's
  // chunks, Bolt's embed.js); 'self' and the connect origin are ignored by browsers that know it,
  // and are the fallback for those that don't.
  const scriptSources = [
    ...own,
    "'strict-dynamic'",
    "'self'",
    connectOrigin,
    ...(development ? ["'unsafe-eval'"] : []),
  ];
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
    REPORTING,
  ].join("; ");
  // Styles without 'unsafe-inline', reported but not yet enforced: Bolt's own embed.js runs on these
  // pages and can't be checked against it here. Once the reports are clean, it can join the policy.
  const styles = [
    `style-src-elem ${["'self'", ...nonces].join(" ")}`,
    `style-src-attr 'unsafe-hashes' ${STYLE_ATTRIBUTE_HASHES.join(" ")}`,
    REPORTING,
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "Content-Security-Policy-Report-Only": styles,
    ...COMMON,
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** JSON endpoints render nothing, so their policy allows nothing. */
export function buildApiSecurityHeaders({ https }: Pick<SecurityHeaderInput, "https">): Record<string, string> {
  return {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    ...COMMON,
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
