#!/usr/bin/env node
// Runs after `next build` (`npm run build` chains it): writes <distDir>/csp-manifest.json, what the
// proxy needs to give every page its script policy. A static page is the same bytes for every
// visitor, so it cannot carry a per-request nonce; its inline scripts are fixed by the build,
// so their SHA-256 hashes allow exactly them. Pages rendered per request keep the nonce.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Read by lib/http/csp-manifest.ts; bump `version` when the shape changes. */
export const MANIFEST_FILE = "csp-manifest.json";
const VERSION = 1;

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * `'sha256-…'` sources for the inline scripts of an HTML document, in order, without repeats. The
 * browser hashes a script's text as parsed, and HTML parsing turns CR LF and lone CR into LF.
 */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const [, attributes, text] of html.matchAll(SCRIPT)) {
    if (/\ssrc\s*=/i.test(attributes)) continue;
    const source = text.replace(/\r\n?/g, "\n");
    const hash = `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
    if (!hashes.includes(hash)) hashes.push(hash);
  }
  return hashes;
}

/** Where `next build` leaves a prerendered page's HTML. */
function htmlFile(distDir, route) {
  return path.join(distDir, "server", "app", `${route === "/" ? "index" : route.slice(1)}.html`);
}

/**
 * `static`: each prerendered page's inline-script hashes, by path. `dynamic`: the page routes
 * rendered per request, as Next names them (`/orders/[orderNumber]`). Any other path is a 404,
 * which Next answers with the prerendered `/_not-found` page.
 */
export function buildManifest(distDir) {
  const readJson = (file) => JSON.parse(readFileSync(path.join(distDir, file), "utf8"));
  const prerendered = readJson("prerender-manifest.json");
  const staticPages = {};
  for (const route of Object.keys(prerendered.routes)) {
    let html;
    try {
      html = readFileSync(htmlFile(distDir, route), "utf8");
    } catch {
      continue; // a prerendered route that is not a page (the icon)
    }
    staticPages[route] = inlineScriptHashes(html);
  }
  // Dynamic segments whose every value was prerendered (`dynamicParams = false`) answer 404 otherwise.
  const closed = new Set(
    Object.entries(prerendered.dynamicRoutes)
      .filter(([, route]) => route.fallback === false)
      .map(([route]) => route),
  );
  const pages = Object.entries(readJson("app-path-routes-manifest.json"))
    .filter(([entry]) => entry.endsWith("/page"))
    .map(([, route]) => route);
  const dynamic = pages.filter((route) => !(route in staticPages) && !closed.has(route));
  if (!staticPages["/_not-found"]) throw new Error("the build has no prerendered /_not-found page");
  return {
    version: VERSION,
    buildId: readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim(),
    static: staticPages,
    dynamic,
  };
}

async function main() {
  const { default: nextConfig } = await import("../next.config.js");
  const distDir = nextConfig.distDir;
  const manifest = buildManifest(distDir);
  writeFileSync(path.join(distDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const counts = Object.values(manifest.static).map((hashes) => hashes.length);
  console.info(
    `▶ ${path.join(distDir, MANIFEST_FILE)}: ${counts.length} static pages (${Math.min(...counts)}–${Math.max(...counts)} ` +
      `inline scripts each), ${manifest.dynamic.length} dynamic: ${manifest.dynamic.join(", ")}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`csp-manifest: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
