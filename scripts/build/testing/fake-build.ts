import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

type Prerender = {
  pathname: string;
  route: string;
  parentFallbackMode?: false | null | string;
  fallback?: { filePath: string; initialRevalidate?: number | false };
};

/**
 * A build folder and what Next hands a build adapter about it (the fields the CSP adapter reads): a
 * static home page and product page in the route cache, the 404 page Next serves from there and its
 * copy among the static files, two pages rendered per request, and a proxy with its file trace.
 */
export function fakeBuild() {
  const root = mkdtempSync(path.join(tmpdir(), "csp-build-"));
  const distDir = path.join(root, ".next");
  const file = (relative: string, text: string) => {
    const full = path.join(distDir, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    return full;
  };
  const app = '<script src="/_next/static/chunks/app.js" async=""></script>';
  const home = file("server/route-cache/home/index.html", `<script>home()</script>${app}`);
  const mug = file("server/route-cache/products/mug.html", "<script>mug()</script>");
  // Next answers a 404 with this copy, which it does not list among the outputs.
  file("server/route-cache/lost.html", `<script>lost()</script>${app}`);
  const lost = file("server/pages/404.html", `<script>lost()</script>${app}`);
  const proxy = file("server/middleware.js", "proxy()");
  file(
    "server/middleware.js.nft.json",
    JSON.stringify({ version: 1, files: ["chunks/proxy.js"], fileHashes: ["0123456789abcdef0123456789abcdef"] }),
  );
  const chunk = file("static/chunks/app.js", "app()");
  const prerenders: Prerender[] = [
    { pathname: "/", route: "/", fallback: { filePath: home, initialRevalidate: false } },
    { pathname: "/index.rsc", route: "/", fallback: { filePath: file("server/route-cache/home/index.rsc", "") } },
    {
      pathname: "/products/mug",
      route: "/products/[handle]",
      parentFallbackMode: false,
      fallback: { filePath: mug, initialRevalidate: false },
    },
    { pathname: "/products/[handle]", route: "/products/[handle]" },
  ];
  const pages = ["/", "/products/[handle]", "/cart", "/orders/[orderId]", "/_not-found"];
  return {
    distDir,
    repoRoot: root,
    projectDir: root,
    buildId: "build-1",
    outputs: {
      prerenders,
      appPages: pages.flatMap((pathname) => [
        { pathname },
        { pathname: `${pathname === "/" ? "/index" : pathname}.rsc` },
      ]),
      staticFiles: [
        { pathname: "/_next/static/chunks/app.js", filePath: chunk },
        { pathname: "/404", filePath: lost },
      ],
      middleware: {
        filePath: proxy,
        assets: { "node_modules/next/package.json": "/somewhere/package.json" } as Record<string, string>,
        assetsHashes: { "node_modules/next/package.json": "fedcba9876543210fedcba9876543210" } as Record<
          string,
          string
        >,
      },
    },
  };
}

export type FakeBuild = ReturnType<typeof fakeBuild>;
