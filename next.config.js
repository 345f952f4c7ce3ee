/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets two local builds (the demo and a test run) live side by side; defaults to Next's `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // PGlite (the embedded order ledger) loads its WebAssembly and data files from its own package at
  // run time. Turbopack bundles it fine, but a webpack build (`next build --webpack`) breaks those
  // loads; left to Node, it works with either, and `output: "standalone"` traces its files.
  serverExternalPackages: ["@electric-sql/pglite"],
  // The proxy must see a request as it came: by default Next strips the router's headers
  // (Next-Router-Prefetch, RSC) from it, and the proxy could not tell a prefetch, which nobody sees,
  // from the navigation that shows a "you were signed out" notice.
  skipProxyUrlNormalize: true,
  reactStrictMode: true,
  // Metadata resolves before the page streams, for every browser, not only for the bots Next lists.
  // Streamed, a page's <title> comes in its own boundary: after a client-side navigation the page can
  // show before its title, and the order confirmation, reached by the one-click redirect, was then
  // announced by a screen reader with no title. The only async title here (an order's) reads what its
  // page reads anyway, so waiting for it costs nothing.
  htmlLimitedBots: /.*/,
  experimental: {
    // Optimistic routing (on by default in Next 16.4) first renders a page that was not prefetched with
    // an empty head, and its metadata one render later. The order confirmation, reached by the
    // one-click redirect, then shows with no <title> for a screen reader to announce. What it buys is
    // loading states shown sooner on links that were not prefetched, and this store has no loading.tsx.
    optimisticRouting: false,
    // `'use cache'` for the catalog's reads (lib/catalog), without opting the whole app into Cache
    // Components: partial prerendering's per-request inline scripts would defeat the static pages'
    // hash-based script policy.
    useCache: true,
    // An integrity attribute on Next's script tags: its hash then identifies the file in a static
    // page's policy, with no nonce (scripts/build/csp-manifest.mjs adds it to the tags Next leaves without).
    sri: { algorithm: "sha256" },
    // React's taint API: the session's tokens are marked so that React refuses to send them to the
    // browser, in a page or an action's answer (lib/auth/taint.ts). Next then runs the app directory
    // on React's experimental channel, which it ships; it is what provides the API.
    taint: true,
  },
};

export default nextConfig;
