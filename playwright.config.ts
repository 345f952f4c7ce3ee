import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findBrowser, INSTALL_HINT } from "./scripts/find-browser.mjs";
import { TEST_APP_URL, TEST_EMULATOR_URL, TEST_SANDBOX_APP_URL, TEST_SANDBOX_EMULATOR_URL } from "./scripts/ports.mjs";
import { READY_PATH, TEST_OUTPUT, TEST_PAIRS, TEST_SERVER } from "./tests/support/test-env.mjs";
import type { EmulatorOptions } from "./e2e/helpers/fixtures";

const executablePath = findBrowser();
if (!executablePath) throw new Error(INSTALL_HINT);

const CI = Boolean(process.env.CI);

export default defineConfig<object, EmulatorOptions>({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: CI,
  retries: 0,
  workers: 2,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".test-run/e2e.json" }]],
  use: {
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  // Every test runs against the emulator's spec profile. The journeys, tagged @journey (sign-in,
  // one-click order, decline, refresh and sign-out), run again against its sandbox profile, on a
  // second storefront of the same build, so neither of Bolt's shapes can break unnoticed.
  projects: [
    {
      name: "chromium",
      use: { baseURL: TEST_APP_URL, emulatorUrl: TEST_EMULATOR_URL, profile: "spec" },
    },
    {
      name: "chromium-sandbox",
      grep: /@journey/,
      use: { baseURL: TEST_SANDBOX_APP_URL, emulatorUrl: TEST_SANDBOX_EMULATOR_URL, profile: "sandbox" },
    },
  ],
  // `npm test` starts the servers before Playwright runs; these entries serve a bare `npx playwright test`,
  // one after the other (the sandbox storefront reuses the build the first one makes).
  // Their output goes to the same log files as under `npm test`, which the payment tests read.
  webServer: TEST_PAIRS.flatMap(({ emulator, app }, index) => [
    {
      command: `mkdir -p ${TEST_OUTPUT} && npx --no bolt-emulator >> ${emulator.log} 2>&1`,
      url: `${emulator.url}${READY_PATH.emulator}`,
      env: emulator.env,
      reuseExistingServer: true,
      timeout: 60_000,
    },
    {
      // The first storefront builds (`npm run build`); each runs the build's standalone server.
      command: `${index === 0 ? "npm run build && " : ""}node ${TEST_SERVER} >> ${app.log} 2>&1`,
      url: `${app.url}${READY_PATH.app}`,
      env: app.env,
      reuseExistingServer: true,
      timeout: index === 0 ? 300_000 : 60_000,
    },
  ]),
});
