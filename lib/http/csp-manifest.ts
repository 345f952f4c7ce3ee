import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as z from "zod";

// The build's script policy for its static pages, written by scripts/build/csp-manifest.mjs after
// `next build` (`npm run build` runs both). The proxy reads it once.

const MANIFEST_FILE = "csp-manifest.json";

const Manifest = z.object({
  version: z.literal(1),
  buildId: z.string(),
  static: z.record(z.string(), z.array(z.string().regex(/^'sha256-[A-Za-z0-9+/]+={0,2}'$/))),
  dynamic: z.array(z.string()),
});

/** What the proxy asks of the manifest. */
export type StaticPages = {
  /** The inline-script hashes of the static page a GET of this path is answered with, if any. */
  hashesFor(pathname: string): string[] | undefined;
};

/** The build has no manifest, or one from another build: static pages would not hydrate. */
export class CspManifestError extends Error {
  constructor(message: string) {
    super(`${message}. Build with \`npm run build\`, which hashes the static pages' inline scripts.`);
    this.name = "CspManifestError";
  }
}

/** `/orders/[orderNumber]` → a pattern matching `/orders/4HYC-GXT8`; `[...slug]` spans segments. */
function routePattern(route: string): RegExp {
  const source = route
    .split("/")
    .map((segment) =>
      segment.startsWith("[...") || segment.startsWith("[[...")
        ? ".+"
        : segment.startsWith("[")
          ? "[^/]+"
          : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${source}/?$`);
}

export function parseCspManifest(json: unknown, buildId: string): StaticPages {
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) throw new CspManifestError(`${MANIFEST_FILE} is malformed`);
  const manifest = parsed.data;
  if (manifest.buildId !== buildId) throw new CspManifestError(`${MANIFEST_FILE} belongs to another build`);
  const dynamic = manifest.dynamic.map(routePattern);
  const notFound = manifest.static["/_not-found"];
  if (!notFound) throw new CspManifestError(`${MANIFEST_FILE} lists no /_not-found page`);
  return {
    hashesFor(pathname) {
      const page = manifest.static[pathname];
      if (page) return page;
      // Anything that is neither static nor rendered per request is answered with the 404 page.
      return dynamic.some((pattern) => pattern.test(pathname)) ? undefined : notFound;
    },
  };
}

let loaded: StaticPages | undefined;

/** The running build's manifest, read on first use; throws CspManifestError if it is missing or stale. */
export function getStaticPages(): StaticPages {
  if (loaded) return loaded;
  // The same folder next.config.js builds into.
  const distDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR || ".next");
  let json: unknown;
  let buildId: string;
  try {
    buildId = readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim();
    json = JSON.parse(readFileSync(path.join(distDir, MANIFEST_FILE), "utf8"));
  } catch {
    throw new CspManifestError(`${path.join(distDir, MANIFEST_FILE)} is missing`);
  }
  loaded = parseCspManifest(json, buildId);
  return loaded;
}
