import { describe, expect, it } from "vitest";
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
