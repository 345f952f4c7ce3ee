// What the proxy needs to give every page its script policy, computed from the build's output. A
// static page is the same bytes for every visitor, so it cannot carry a per-request nonce; its scripts
// are fixed by the build, so their SHA-256 hashes allow exactly them. Pages rendered per request keep
// the nonce.
//
// The policy has 'strict-dynamic', under which a browser ignores 'self': a static page's script files
// run only if their tag's `integrity` hash is listed. Next writes none on the chunks each layout and
// page loads (and `experimental.sri` covers only its bootstrap scripts), so every script tag of every
// HTML file the build wrote gets one here, hashed from the file it names.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Read by lib/http/csp-manifest.ts; bump `version` when the shape changes. */
export const MANIFEST_FILE = "csp-manifest.json";
const VERSION = 1;
/** Next's name for the 404 page, which answers every path that is neither static nor dynamic. */
const NOT_FOUND = "/_not-found";

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
/** A preload of a script file must name the same integrity as its tag, or the browser fetches it twice. */
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\srel\s*=\s*"(?:preload|modulepreload)")(?=[^>]*\sas\s*=\s*"script")[^>]*>/gi;
const SRC = /\ssrc\s*=\s*"([^"]*)"/i;
const HREF = /\shref\s*=\s*"([^"]*)"/i;
const INTEGRITY = /\sintegrity\s*=\s*"([^"]*)"/i;

const sha256 = (content) => `sha256-${createHash("sha256").update(content).digest("base64")}`;

/**
 * The `sha256-…` that allows a script file: its tag's own `integrity` when it has one, else the hash
 * of the build's file it names. A file from anywhere else can't be vouched for here.
 */
function fileIntegrity(attributes, url, readAsset) {
  const listed = INTEGRITY.exec(attributes)?.[1]
    .split(/\s+/)
    .find((value) => value.startsWith("sha256-"));
  if (listed) return { integrity: listed, added: false };
  const { pathname } = new URL(url.replaceAll("&amp;", "&"), "http://build.invalid");
  const content = url.startsWith("/") && !url.startsWith("//") ? readAsset(pathname) : undefined;
  if (!content) throw new Error(`a static page loads ${url} without a sha256 integrity attribute; add one to its tag`);
  return { integrity: sha256(content), added: true };
}

/**
 * A page's HTML with an `integrity` attribute on every script file's tag (and on its preload), and the
 * `'sha256-…'` sources that allow its scripts: each inline script's text (hashed as the browser parses
 * it: HTML turns CR LF and lone CR into LF) and each file's integrity, in order, without repeats.
 * `readAsset` reads a file of the build by the URL path it is served at, or answers undefined.
 */
export function vouchForScripts(html, readAsset) {
  const hashes = [];
  const add = (hash) => {
    if (!hashes.includes(`'${hash}'`)) hashes.push(`'${hash}'`);
  };
  const vouched = html
    .replace(SCRIPT, (tag, attributes, text) => {
      const src = SRC.exec(attributes)?.[1];
      if (src === undefined) {
        add(sha256(text.replace(/\r\n?/g, "\n")));
        return tag;
      }
      const { integrity, added } = fileIntegrity(attributes, src, readAsset);
      add(integrity);
      return added ? tag.replace(/^<script\b/i, `<script integrity="${integrity}"`) : tag;
    })
    .replace(SCRIPT_PRELOAD, (tag) => {
      const href = HREF.exec(tag)?.[1] ?? "";
      const { integrity, added } = fileIntegrity(tag, href, readAsset);
      return added ? tag.replace(/^<link\b/i, `<link integrity="${integrity}"`) : tag;
    });
  return { html: vouched, hashes };
}

function htmlFiles(folder) {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".html"))
    .map((name) => path.join(folder, name));
}

/**
 * Vouches for the scripts of every HTML file under `<distDir>/server` (the prerendered pages, in
 * whatever layout Next keeps them, and their copies) and returns the manifest, from what a build
 * adapter is given (`outputs`, see Next's adapter API):
 * `static`: each prerendered page's script hashes, by path, the 404 page's as `/_not-found`;
 * `dynamic`: the page routes rendered per request, as Next names them (`/orders/[orderId]`). Any
 * other path is a 404, which Next answers with the prerendered 404 page.
 */
export function buildManifest({ distDir, buildId, outputs }) {
  const assets = new Map(outputs.staticFiles.map((file) => [file.pathname, file.filePath]));
  const readAsset = (pathname) => (assets.has(pathname) ? readFileSync(assets.get(pathname)) : undefined);
  const hashesOf = new Map();
  for (const file of htmlFiles(path.join(distDir, "server"))) {
    const html = readFileSync(file, "utf8");
    const vouched = vouchForScripts(html, readAsset);
    if (vouched.html !== html) writeFileSync(file, vouched.html);
    hashesOf.set(path.resolve(file), vouched.hashes);
  }
  const hashesFor = (filePath) => hashesOf.get(path.resolve(filePath));

  const staticPages = {};
  for (const { pathname, fallback } of outputs.prerenders) {
    if (!fallback?.filePath?.endsWith(".html")) continue; // the page's RSC payload, or a route's body
    if (fallback.initialRevalidate !== false) {
      throw new Error(`${pathname} is regenerated after the build, with scripts its policy would not list`);
    }
    staticPages[pathname] = hashesFor(fallback.filePath);
  }
  const notFound = outputs.staticFiles.find((file) => file.pathname === "/404");
  if (!notFound) throw new Error("the build has no prerendered 404 page");
  staticPages[NOT_FOUND] = hashesFor(notFound.filePath);

  // Dynamic segments whose every value was prerendered (`dynamicParams = false`) answer 404 otherwise.
  const closed = new Set(
    outputs.prerenders.filter((prerender) => prerender.parentFallbackMode === false).map(({ route }) => route),
  );
  const dynamic = outputs.appPages
    .map(({ pathname }) => pathname)
    .filter((route) => !route.endsWith(".rsc") && !(route in staticPages) && !closed.has(route));
  return { version: VERSION, buildId, static: staticPages, dynamic };
}
