// The build adapter (`adapterPath` in next.config.js). Next runs its `onBuildComplete` inside
// `next build`, once every page is prerendered and before it copies the standalone server, so what it
// writes is in every output: `next start`, `.next/standalone`, and what a platform deploys.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildManifest, MANIFEST_FILE } from "./csp-manifest.mjs";

/**
 * The proxy reads the manifest at run time, so it goes where the proxy goes: into its file trace,
 * which `output: "standalone"` copies and platforms bundle the proxy from, and into the `assets` Next
 * hands a platform's adapter.
 */
function shipWithProxy(manifestFile, { repoRoot, outputs }) {
  const proxy = outputs.middleware;
  if (!proxy) throw new Error("the build has no proxy to give the static pages their policy");
  // An opaque content id, as the trace's other entries carry.
  const contentId = createHash("sha256").update(readFileSync(manifestFile)).digest("hex").slice(0, 32);
  const traceFile = `${proxy.filePath}.nft.json`;
  const trace = JSON.parse(readFileSync(traceFile, "utf8"));
  const traced = path.relative(path.dirname(traceFile), manifestFile);
  if (!trace.files.includes(traced)) {
    trace.files.push(traced);
    trace.fileHashes?.push(contentId);
    writeFileSync(traceFile, JSON.stringify(trace));
  }
  const asset = path.relative(repoRoot, manifestFile);
  proxy.assets[asset] = manifestFile;
  if (proxy.assetsHashes) proxy.assetsHashes[asset] = contentId;
}

/**
 * @typedef {{
 *   name: string;
 *   onBuildComplete?: (context: any) => Promise<void> | void;
 *   modifyConfig?: (config: any, context: any) => any;
 * }} Adapter Next's `NextAdapter`, as far as this one uses it
 */

/**
 * Next runs one adapter. A platform that deploys with its own names it in NEXT_ADAPTER_PATH, which
 * `adapterPath` overrides, so this one hands over to it: the platform then sees the finished pages.
 * @param {Adapter | undefined} platform
 */
export function createAdapter(platform) {
  /** @type {Adapter & { onBuildComplete: (context: any) => Promise<void> }} */
  const adapter = {
    name: "storefront-csp",
    async onBuildComplete(context) {
      const manifest = buildManifest(context);
      const file = path.join(context.distDir, MANIFEST_FILE);
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
      shipWithProxy(file, context);
      const counts = Object.values(manifest.static).map((hashes) => hashes.length);
      console.info(
        `▶ ${path.relative(context.projectDir, file)}: ${counts.length} static pages ` +
          `(${Math.min(...counts)}–${Math.max(...counts)} scripts each), ${manifest.dynamic.length} dynamic`,
      );
      await platform?.onBuildComplete?.(context);
    },
  };
  if (platform?.modifyConfig) adapter.modifyConfig = (config, context) => platform.modifyConfig(config, context);
  return adapter;
}

/** As Next loads an adapter: resolved from the project, its default export or the module itself. */
async function platformAdapter() {
  const named = process.env.NEXT_ADAPTER_PATH;
  if (!named) return undefined;
  const resolved = createRequire(path.join(process.cwd(), "package.json")).resolve(named);
  if (resolved === fileURLToPath(import.meta.url)) return undefined;
  const loaded = await import(pathToFileURL(resolved).href);
  return loaded.default || loaded;
}

export default createAdapter(await platformAdapter());
