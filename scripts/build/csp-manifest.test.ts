import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildManifest, vouchForScripts } from "./csp-manifest.mjs";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("vouchForScripts", () => {
  const files: Record<string, string> = { "chunks/b.js": "self.b = 1" };
  const readAsset = (file: string) => {
    if (!(file in files)) throw new Error(`no ${file}`);
    return Buffer.from(files[file]!, "utf8");
  };
  const integrity = (text: string) => sha256(text).slice(1, -1);

  it("hashes each inline script's text once, as the browser parses it", () => {
    const html = [
      '<script id="_R_">self.a = "é";\r\nself.b = 1</script>',
      "<script>(self.__next_f=self.__next_f||[]).push([0])</script>",
      '<SCRIPT type="text/javascript">self.a = "é";\nself.b = 1</SCRIPT >',
    ].join("");
    expect(vouchForScripts(html, readAsset)).toEqual({
      html,
      hashes: [sha256('self.a = "é";\nself.b = 1'), sha256("(self.__next_f=self.__next_f||[]).push([0])")],
    });
  });

  it("lists a script file's integrity, and gives one, hashed from the build's file, to a tag without", () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async="" integrity="sha256-AAAA"></script>',
      '<script src="/_next/static/chunks/b.js?dpl=1" async=""></script>',
    ].join("");
    const vouched = vouchForScripts(html, readAsset);
    expect(vouched.hashes).toEqual(["'sha256-AAAA'", sha256("self.b = 1")]);
    expect(vouched.html).toBe(
      '<script src="/_next/static/chunks/a.js" async="" integrity="sha256-AAAA"></script>' +
        `<script integrity="${integrity("self.b = 1")}" src="/_next/static/chunks/b.js?dpl=1" async=""></script>`,
    );
    // Run again on its own output, it changes nothing and lists the same.
    expect(vouchForScripts(vouched.html, readAsset)).toEqual(vouched);
  });

  it("refuses a script file it can't vouch for: another origin's, without an integrity attribute", () => {
    expect(() => vouchForScripts('<script src="https://cdn.example/x.js"></script>', readAsset)).toThrow(
      /loads https:\/\/cdn\.example\/x\.js without a sha256 integrity attribute/,
    );
    expect(() => vouchForScripts('<script src="//cdn.example/_next/static/x.js"></script>', readAsset)).toThrow();
  });
});

describe("buildManifest", () => {
  /** A build folder with the files Next writes that the manifest reads. */
  function fakeBuild() {
    const dist = mkdtempSync(path.join(tmpdir(), "csp-manifest-"));
    mkdirSync(path.join(dist, "server", "app", "products"), { recursive: true });
    mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
    const write = (file: string, text: string) => writeFileSync(path.join(dist, file), text);
    write("BUILD_ID", "build-1\n");
    write(
      "server/app/index.html",
      '<script>home()</script><script src="/_next/static/chunks/app.js" async=""></script>',
    );
    write("static/chunks/app.js", "app()");
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
    const dist = fakeBuild();
    expect(buildManifest(dist)).toEqual({
      version: 1,
      buildId: "build-1",
      static: {
        "/": [sha256("home()"), sha256("app()")],
        "/products/mug": [sha256("mug()")],
        "/_not-found": [sha256("lost()")],
      },
      dynamic: ["/cart", "/orders/[orderId]"],
    });
    // The page's script file now names its hash, which is what lets the browser match it to the policy.
    expect(readFileSync(path.join(dist, "server/app/index.html"), "utf8")).toContain(
      `<script integrity="${sha256("app()").slice(1, -1)}" src="/_next/static/chunks/app.js"`,
    );
  });
});
