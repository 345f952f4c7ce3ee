import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CspManifestError, parseCspManifest } from "./csp-manifest";

const manifest = {
  version: 1,
  buildId: "build-1",
  static: {
    "/": ["'sha256-aG9tZQ=='"],
    "/products/mug": ["'sha256-bXVn'"],
    "/_not-found": ["'sha256-bG9zdA=='"],
  },
  dynamic: ["/cart", "/orders/[orderId]", "/docs/[...slug]"],
};

describe("parseCspManifest", () => {
  const pages = parseCspManifest(manifest, "build-1");

  it("gives a static page its own hashes", () => {
    expect(pages.hashesFor("/")).toEqual(["'sha256-aG9tZQ=='"]);
    expect(pages.hashesFor("/products/mug")).toEqual(["'sha256-bXVn'"]);
  });

  it("gives none to a page rendered per request, whatever its parameters", () => {
    for (const path of ["/cart", "/orders/4HYC-GXT8-RRC7", "/orders/1/", "/docs/a/b/c"])
      expect(pages.hashesFor(path), path).toBeUndefined();
  });

  it("gives any other path the 404 page's hashes, since that is what Next answers with", () => {
    for (const path of ["/products/no-such-thing", "/nope", "/orders", "/orders/1/2", "/cart/x"])
      expect(pages.hashesFor(path), path).toEqual(["'sha256-bG9zdA=='"]);
  });

  it("refuses a manifest from another build, or one that is malformed", () => {
    expect(() => parseCspManifest(manifest, "build-2")).toThrow(CspManifestError);
    expect(() => parseCspManifest({ ...manifest, static: { "/": ["'unsafe-inline'"] } }, "build-1")).toThrow(
      CspManifestError,
    );
    expect(() => parseCspManifest({ ...manifest, static: { "/": [] } }, "build-1")).toThrow(/no \/_not-found/);
  });
});

describe("getStaticPages", () => {
  /** A build folder with a BUILD_ID and, optionally, a manifest. */
  function buildFolder(manifestJson?: unknown) {
    const dist = mkdtempSync(path.join(tmpdir(), "csp-build-"));
    writeFileSync(path.join(dist, "BUILD_ID"), "build-1");
    if (manifestJson) writeFileSync(path.join(dist, "csp-manifest.json"), JSON.stringify(manifestJson));
    return dist;
  }

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("names the fix when the build has no manifest (built without the storefront's adapter)", async () => {
    vi.stubEnv("NEXT_DIST_DIR", buildFolder());
    const { getStaticPages: load } = await import("./csp-manifest");
    expect(load).toThrow(/csp-manifest\.json is missing\. `next build` writes it, through the adapter/);
  });

  it("reads the running build's manifest", async () => {
    vi.stubEnv("NEXT_DIST_DIR", buildFolder(manifest));
    const { getStaticPages: load } = await import("./csp-manifest");
    expect(load().hashesFor("/")).toEqual(["'sha256-aG9tZQ=='"]);
  });
});
