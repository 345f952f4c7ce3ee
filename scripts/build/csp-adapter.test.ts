import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createAdapter } from "./csp-adapter.mjs";
import { fakeBuild, type FakeBuild } from "./testing/fake-build";

const manifestOf = (build: FakeBuild) => path.join(build.distDir, "csp-manifest.json");
const traceOf = (build: FakeBuild) =>
  JSON.parse(readFileSync(path.join(build.distDir, "server/middleware.js.nft.json"), "utf8")) as {
    files: string[];
    fileHashes: string[];
  };

describe("the CSP build adapter", () => {
  it("writes the manifest into the build, and into the proxy's file trace, which the standalone copy follows", async () => {
    const build = fakeBuild();
    await createAdapter(undefined).onBuildComplete(build);
    const manifest = JSON.parse(readFileSync(manifestOf(build), "utf8"));
    expect(manifest).toMatchObject({ version: 1, buildId: "build-1", dynamic: ["/cart", "/orders/[orderId]"] });
    const trace = traceOf(build);
    expect(trace.files).toEqual(["chunks/proxy.js", "../csp-manifest.json"]);
    expect(trace.fileHashes).toHaveLength(2);
    // What a platform's adapter bundles with the proxy: the manifest too, keyed from the repository's root.
    expect(build.outputs.middleware.assets[".next/csp-manifest.json"]).toBe(manifestOf(build));
    expect(build.outputs.middleware.assetsHashes[".next/csp-manifest.json"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("run twice on one build, changes nothing more: one trace entry, the same pages and manifest", async () => {
    const build = fakeBuild();
    const adapter = createAdapter(undefined);
    await adapter.onBuildComplete(build);
    const first = [
      readFileSync(manifestOf(build), "utf8"),
      readFileSync(build.outputs.staticFiles[1]!.filePath, "utf8"),
    ];
    await adapter.onBuildComplete(build);
    expect([
      readFileSync(manifestOf(build), "utf8"),
      readFileSync(build.outputs.staticFiles[1]!.filePath, "utf8"),
    ]).toEqual(first);
    expect(traceOf(build).files).toEqual(["chunks/proxy.js", "../csp-manifest.json"]);
  });

  it("hands over to a platform's adapter, which then sees the finished pages and the manifest", async () => {
    const build = fakeBuild();
    const seen: { manifest: boolean; home: string }[] = [];
    const platform = {
      name: "platform",
      modifyConfig: vi.fn((config: object) => ({ ...config, platform: true })),
      onBuildComplete: vi.fn(async (context: FakeBuild) => {
        seen.push({
          manifest: existsSync(manifestOf(context)),
          home: readFileSync(context.outputs.prerenders[0]!.fallback!.filePath, "utf8"),
        });
      }),
    };
    const adapter = createAdapter(platform);
    expect(await adapter.modifyConfig?.({ distDir: ".next" }, { phase: "phase-production-build" })).toEqual({
      distDir: ".next",
      platform: true,
    });
    await adapter.onBuildComplete(build);
    expect(platform.onBuildComplete).toHaveBeenCalledWith(build);
    expect(seen).toEqual([{ manifest: true, home: expect.stringContaining('<script integrity="sha256-') }]);
  });

  it("leaves the config alone without a platform's adapter", () => {
    expect(createAdapter(undefined).modifyConfig).toBeUndefined();
  });
});
