#!/usr/bin/env node
// The last step of `npm run build`: puts `public/` and `<distDir>/static` beside the standalone server,
// the two copies Next's Docker example makes, so `<distDir>/standalone` is the whole site and
// `node <distDir>/standalone/server.js` serves it as the Dockerfile's image does. Nothing in a page's
// policy depends on it: a platform that serves these files from its CDN does without.
import { cpSync } from "node:fs";
import path from "node:path";
import nextConfig from "../../next.config.js";

const standalone = path.join(nextConfig.distDir, "standalone");
cpSync("public", path.join(standalone, "public"), { recursive: true });
cpSync(path.join(nextConfig.distDir, "static"), path.join(standalone, nextConfig.distDir, "static"), {
  recursive: true,
});
console.info(`▶ ${standalone}: public/ and ${path.join(nextConfig.distDir, "static")} copied beside server.js`);
