import type { BoltSources } from "@/lib/bolt/hosts";

/** A page rendered per request carries a nonce; a static page, the same for everyone, its scripts' hashes. */
export type PageScripts = { nonce: string } | { hashes: readonly string[] };

export type SecurityHeaderInput = {
  scripts: PageScripts;
  bolt: BoltSources;
  /** HSTS only means something over https. */
  https: boolean;
  /** `next dev` needs `eval` for React's debugging features. */
  development: boolean;
};

const HSTS = "max-age=63072000; includeSubDomains";

/**
 * `report-uri` works everywhere; `report-to` would make Chromium switch to batched delivery, which
 * headless Chromium did not deliver within 75 s in our tests.
 */
const REPORTING = "report-uri /api/csp-report";

/** next/image's `color:transparent`: a style attribute can't carry a nonce, so each is allowed by hash. */
const STYLE_ATTRIBUTE_HASHES = ["'sha256-zlqnbDt84zf1iSefLU/ImC54isoprH/MRiVZGskwexk='"];
const COMMON = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=()",
};

/**
 * Per request, so pointing at Bolt's sandbox is an env change, static pages included. A policy stays
 * with its document through client-side navigation, so every page allows what checkout needs.
 */
export function buildSecurityHeaders({
  scripts,
  bolt,
  https,
  development,
}: SecurityHeaderInput): Record<string, string> {
  const nonces = "nonce" in scripts ? [`'nonce-${scripts.nonce}'`] : [];
  const own = "hashes" in scripts ? scripts.hashes : nonces;
  // 'strict-dynamic': what the nonce or a hash allows runs, with what it loads (Next's chunks, embed.js);
  // 'self' and Bolt's script hosts are the fallback for browsers without it.
  const scriptSources = [
    ...own,
    "'strict-dynamic'",
    "'self'",
    ...bolt.script,
    ...(development ? ["'unsafe-eval'"] : []),
  ];
  const csp = [
    "default-src 'self'",
    `script-src ${scriptSources.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${["'self'", "data:", "blob:", ...bolt.img].join(" ")}`,
    `connect-src ${["'self'", ...bolt.connect].join(" ")}`,
    `frame-src ${bolt.frame.join(" ")}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    REPORTING,
  ].join("; ");
  // Report-only: Bolt's embed.js runs on these pages and can't be checked against it here.
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

export function buildApiSecurityHeaders({ https }: Pick<SecurityHeaderInput, "https">): Record<string, string> {
  return {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    ...COMMON,
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
