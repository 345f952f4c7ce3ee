import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildManifest, vouchForScripts } from "./csp-manifest.mjs";
import { fakeBuild } from "./testing/fake-build";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const integrity = (text: string) => sha256(text).slice(1, -1);

describe("vouchForScripts", () => {
  const files: Record<string, string> = { "/_next/static/chunks/b.js": "self.b = 1" };
  const readAsset = (pathname: string) => (pathname in files ? Buffer.from(files[pathname]!, "utf8") : undefined);

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

  it("gives a script file's preload the same integrity as its tag, and leaves other links alone", () => {
    const html = [
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
      '<link rel="stylesheet" href="/_next/static/chunks/a.css"/>',
      '<script src="/_next/static/chunks/b.js" async=""></script>',
    ].join("");
    const vouched = vouchForScripts(html, readAsset);
    expect(vouched.html).toBe(
      `<link integrity="${integrity("self.b = 1")}" rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>` +
        '<link rel="stylesheet" href="/_next/static/chunks/a.css"/>' +
        `<script integrity="${integrity("self.b = 1")}" src="/_next/static/chunks/b.js" async=""></script>`,
    );
    expect(vouched.hashes).toEqual([sha256("self.b = 1")]);
  });

  it("refuses a script file it can't vouch for: another origin's, or none of the build's", () => {
    expect(() => vouchForScripts('<script src="https://cdn.example/x.js"></script>', readAsset)).toThrow(
      /loads https:\/\/cdn\.example\/x\.js without a sha256 integrity attribute/,
    );
    expect(() =>
      vouchForScripts('<script src="//cdn.example/_next/static/chunks/b.js"></script>', readAsset),
    ).toThrow();
    expect(() => vouchForScripts('<script src="/_next/static/chunks/gone.js"></script>', readAsset)).toThrow(
      /gone\.js without a sha256 integrity attribute/,
    );
  });
});

describe("buildManifest", () => {
  it("lists each prerendered page's hashes, the 404 page's, and the pages rendered per request", () => {
    const build = fakeBuild();
    expect(buildManifest(build)).toEqual({
      version: 1,
      buildId: "build-1",
      static: {
        "/": [sha256("home()"), sha256("app()")],
        "/products/mug": [sha256("mug()")],
        "/_not-found": [sha256("lost()"), sha256("app()")],
      },
      dynamic: ["/cart", "/orders/[orderId]"],
    });
  });

  it("gives every script tag of every HTML file the build wrote its integrity, listed or not", () => {
    const build = fakeBuild();
    buildManifest(build);
    const tag = `<script integrity="${integrity("app()")}" src="/_next/static/chunks/app.js"`;
    for (const file of ["server/route-cache/home/index.html", "server/pages/404.html", "server/route-cache/lost.html"])
      expect(readFileSync(path.join(build.distDir, file), "utf8"), file).toContain(tag);
  });

  it("refuses a page regenerated after the build: its scripts would not be the ones its policy lists", () => {
    const build = fakeBuild();
    build.outputs.prerenders[0]!.fallback!.initialRevalidate = 60;
    expect(() => buildManifest(build)).toThrow(/^\/ is regenerated after the build/);
  });
});
