#!/usr/bin/env node
// Runs after `next build` (`npm run build` chains it): writes <distDir>/csp-manifest.json, what the
// proxy needs to give every page its script policy. A static page is the same bytes for every
// visitor, so it cannot carry a per-request nonce; its scripts are fixed by the build, so their
// SHA-256 hashes allow exactly them. Pages rendered per request keep the nonce.
//
// The policy has 'strict-dynamic', under which a browser ignores 'self': a static page's script
// files run only if their tag's `integrity` hash is listed. Next writes `integrity` on its own
// bootstrap scripts (`experimental.sri`), but not on the client-component chunks React adds to the
// HTML, so this script adds theirs, hashing the file it names, and writes the page back.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Read by lib/http/csp-manifest.ts; bump `version` when the shape changes. */
export const MANIFEST_FILE = "csp-manifest.json";
const VERSION = 1;

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const SRC = /\ssrc\s*=\s*"([^"]*)"/i;
const INTEGRITY = /\sintegrity\s*=\s*"([^"]*)"/i;
/** Where Next serves the build's own files from, and where they are in the build folder. */
const ASSET_PATH = "/_next/static/";

const sha256 = (content) => `sha256-${createHash("sha256").update(content).digest("base64")}`;

/**
 * The `sha256-…` that allows a script file: its tag's own `integrity` when it has one, else the hash
 * of the build's file it names. A file from anywhere else can't be vouched for here.
 */
function fileIntegrity(attributes, readAsset) {
  const listed = INTEGRITY.exec(attributes)?.[1]
    .split(/\s+/)
    .find((value) => value.startsWith("sha256-"));
  if (listed) return { integrity: listed, added: false };
  const src = SRC.exec(attributes)?.[1] ?? "";
  const { pathname } = new URL(src.replaceAll("&amp;", "&"), "http://build.invalid");
  if (!src.startsWith("/") || src.startsWith("//") || !pathname.startsWith(ASSET_PATH)) {
    throw new Error(`a static page loads ${src} without a sha256 integrity attribute; add one to its tag`);
  }
  return { integrity: sha256(readAsset(pathname.slice(ASSET_PATH.length))), added: true };
}

/**
 * A static page's HTML with an `integrity` attribute on every script file's tag, and the
 * `'sha256-…'` sources that allow its scripts: each inline script's text (hashed as the browser
 * parses it: HTML turns CR LF and lone CR into LF) and each file's integrity, in order, without
 * repeats. `readAsset` reads a file of the build's `static/` folder.
 */
export function vouchForScripts(html, readAsset) {
  const hashes = [];
  const add = (hash) => {
    if (!hashes.includes(`'${hash}'`)) hashes.push(`'${hash}'`);
  };
  const vouched = html.replace(SCRIPT, (tag, attributes, text) => {
    if (!SRC.test(attributes)) {
      add(sha256(text.replace(/\r\n?/g, "\n")));
      return tag;
    }
    const { integrity, added } = fileIntegrity(attributes, readAsset);
    add(integrity);
    return added ? tag.replace(/^<script\b/i, `<script integrity="${integrity}"`) : tag;
  });
  return { html: vouched, hashes };
}

/** Where `next build` leaves a prerendered page's HTML. */
function htmlFile(distDir, route) {
  return path.join(distDir, "server", "app", `${route === "/" ? "index" : route.slice(1)}.html`);
}

/**
 * `static`: each prerendered page's script hashes, by path (its HTML gets the missing `integrity`
 * attributes). `dynamic`: the page routes rendered per request, as Next names them
 * (`/orders/[orderId]`). Any other path is a 404, which Next answers with the prerendered
 * `/_not-found` page.
 */
export function buildManifest(distDir) {
  const readJson = (file) => JSON.parse(readFileSync(path.join(distDir, file), "utf8"));
  const readAsset = (file) => readFileSync(path.join(distDir, "static", file));
  const prerendered = readJson("prerender-manifest.json");
  const staticPages = {};
  for (const route of Object.keys(prerendered.routes)) {
    const file = htmlFile(distDir, route);
    let html;
    try {
      html = readFileSync(file, "utf8");
    } catch {
      continue; // a prerendered route that is not a page (the icon)
    }
    const vouched = vouchForScripts(html, readAsset);
    if (vouched.html !== html) writeFileSync(file, vouched.html);
    staticPages[route] = vouched.hashes;
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
  const { default: nextConfig } = await import("../../next.config.js");
  const distDir = nextConfig.distDir;
  const manifest = buildManifest(distDir);
  writeFileSync(path.join(distDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const counts = Object.values(manifest.static).map((hashes) => hashes.length);
  console.info(
    `▶ ${path.join(distDir, MANIFEST_FILE)}: ${counts.length} static pages (${Math.min(...counts)}–${Math.max(...counts)} ` +
      `scripts each), ${manifest.dynamic.length} dynamic: ${manifest.dynamic.join(", ")}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`csp-manifest: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
