#!/usr/bin/env node
// The bench's own packages (Lighthouse, autocannon, playwright-core) are not part of the storefront's
// install: `npm run bench` installs them into bench/node_modules on first use, and again whenever
// bench/package-lock.json no longer matches what is installed.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = fileURLToPath(new URL(".", import.meta.url));

function readJson(file) {
  try {
    return JSON.parse(readFileSync(path.join(BENCH, file), "utf8"));
  } catch {
    return undefined;
  }
}

/** npm records what it installed in node_modules/.package-lock.json; every locked version must be there. */
function installedMatchesLock() {
  const locked = readJson("package-lock.json")?.packages ?? {};
  const installed = readJson("node_modules/.package-lock.json")?.packages;
  if (!installed) return false;
  return Object.entries(locked).every(
    ([path, entry]) => path === "" || entry.optional || installed[path]?.version === entry.version,
  );
}

if (!installedMatchesLock()) {
  console.info("▶ installing the bench's packages (npm ci in bench/)");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: BENCH, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
