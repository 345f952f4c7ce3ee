import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildManifest, inlineScriptHashes } from "./csp-manifest.mjs";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("inlineScriptHashes", () => {
  it("hashes each inline script's text once, as the browser parses it, and skips external scripts", () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async="" integrity="sha256-x"></script>',
      '<script id="_R_">self.a = "é";\r\nself.b = 1</script>',
      "<script>(self.__next_f=self.__next_f||[]).push([0])</script>",
      '<SCRIPT type="text/javascript">self.a = "é";\nself.b = 1</SCRIPT >',
    ].join("");
    expect(inlineScriptHashes(html)).toEqual([
      sha256('self.a = "é";\nself.b = 1'),
      sha256("(self.__next_f=self.__next_f||[]).push([0])"),
    ]);
  });
});

describe("buildManifest", () => {
  /** A build folder with the files Next writes that the manifest reads. */
  function fakeBuild() {
    const dist = mkdtempSync(path.join(tmpdir(), "csp-manifest-"));
    mkdirSync(path.join(dist, "server", "app", "products"), { recursive: true });
    const write = (file: string, text: string) => writeFileSync(path.join(dist, file), text);
    write("BUILD_ID", "build-1\n");
    write("server/app/index.html", "<script>home()</script>");
    write("server/app/products/mug.html", "<script>mug()</script>");
    write("server/app/_not-found.html", "<script>lost()</script>");
    write(
      "prerender-manifest.json",
      JSON.stringify({
        routes: { "/": {}, "/products/mug": {}, "/_not-found": {}, "/icon.svg": {} },
        dynamicRoutes: { "/products/[handle]": { fallback: false } },
      }),
    );
    write(
      "app-path-routes-manifest.json",
      JSON.stringify({
        "/(static)/page": "/",
        "/(static)/products/[handle]/page": "/products/[handle]",
        "/(dynamic)/cart/page": "/cart",
        "/(dynamic)/orders/[orderId]/page": "/orders/[orderId]",
        "/_not-found/page": "/_not-found",
        "/api/health/route": "/api/health",
      }),
    );
    return dist;
  }

  it("lists each prerendered page's hashes and the pages rendered per request", () => {
    expect(buildManifest(fakeBuild())).toEqual({
      version: 1,
      buildId: "build-1",
      static: {
        "/": [sha256("home()")],
        "/products/mug": [sha256("mug()")],
        "/_not-found": [sha256("lost()")],
      },
      dynamic: ["/cart", "/orders/[orderId]"],
    });
  });
});
