import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findBrowser, INSTALL_HINT } from "./scripts/find-browser.mjs";
import { TEST_APP_URL, TEST_EMULATOR_URL } from "./scripts/ports.mjs";
import { testAppEnv, testEmulatorEnv } from "./scripts/test-env.mjs";

const executablePath = findBrowser();
if (!executablePath) throw new Error(INSTALL_HINT);

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: CI,
  retries: 0,
  workers: 2,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".test-run/e2e.json" }]],
  use: {
    baseURL: TEST_APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  // `npm test` starts both servers before Playwright runs; these entries serve a bare `npx playwright test`.
  webServer: [
    {
      command: "npx tsx emulator/main.ts",
      url: `${TEST_EMULATOR_URL}/.well-known/openid-configuration`,
      env: testEmulatorEnv,
      reuseExistingServer: true,
      timeout: 60_000,
    },
    {
      command: "npx next build && npx next start",
      url: `${TEST_APP_URL}/api/health`,
      env: testAppEnv,
      reuseExistingServer: true,
      timeout: 300_000,
    },
  ],
});
