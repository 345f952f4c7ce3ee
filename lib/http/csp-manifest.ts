import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as z from "zod";

// Written inside `next build` by its adapter (scripts/build/csp-adapter.mjs), which also puts it in the
// proxy's file trace, so `<distDir>/standalone` has it too; read once.

const MANIFEST_FILE = "csp-manifest.json";

const Manifest = z.object({
  version: z.literal(1),
  buildId: z.string(),
  static: z.record(z.string(), z.array(z.string().regex(/^'sha256-[A-Za-z0-9+/]+={0,2}'$/))),
  dynamic: z.array(z.string()),
});

export type StaticPages = {
  hashesFor(pathname: string): string[] | undefined;
};

/** Without it, static pages would not hydrate. */
export class CspManifestError extends Error {
  constructor(message: string) {
    super(
      `${message}. \`next build\` writes it, through the adapter next.config.js names (scripts/build/csp-adapter.mjs); ` +
        "start the server with the NEXT_DIST_DIR it was built with.",
    );
    this.name = "CspManifestError";
  }
}

/** `/orders/[orderNumber]` matches `/orders/4HYC-GXT8`; `[...slug]` spans segments. */
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
      // Neither static nor rendered per request: answered with the 404 page.
      return dynamic.some((pattern) => pattern.test(pathname)) ? undefined : notFound;
    },
  };
}

let loaded: StaticPages | undefined;

export function getStaticPages(): StaticPages {
  if (loaded) return loaded;
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
