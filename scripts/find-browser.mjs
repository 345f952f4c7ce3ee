// Finds a Chromium for Playwright: its own download if present, else a system one.
// Playwright cannot download browsers on a closed network, so a Debian chromium is the usual answer.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";

const SYSTEM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

export const INSTALL_HINT =
  "No Chromium found. Install one, then run the tests again:\n" +
  "  Debian/Ubuntu:  sudo apt-get install -y chromium\n" +
  "  any OS online:  npx playwright install chromium\n" +
  "  or point at an existing browser:  CHROMIUM_PATH=/path/to/chrome npm test";

/** @returns {string | undefined} an executable path, or undefined when none is installed */
export function findBrowser() {
  const candidates = [process.env.CHROMIUM_PATH, safePlaywrightPath(), ...SYSTEM_CANDIDATES];
  return candidates.find((path) => path && existsSync(path));
}

function safePlaywrightPath() {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Tries apt-get (as root, or through passwordless sudo) and reports whether a browser is now present. */
export function installBrowser() {
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const attempts = asRoot
    ? [["apt-get", ["install", "-y", "chromium"]]]
    : [["sudo", ["-n", "apt-get", "install", "-y", "chromium"]]];
  for (const [cmd, args] of attempts) {
    try {
      execFileSync(cmd, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    } catch {
      // fall through to the hint
    }
  }
  return findBrowser();
}

/** Flags for a headless Chromium on a closed network: background services would only fail and retry. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
