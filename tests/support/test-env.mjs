// The environment the test servers run with: the storefront pointed at a test emulator on its own ports,
// and a second storefront, on the same build, pointed at an emulator in the sandbox profile.
import {
  TEST_APP_PORT,
  TEST_APP_URL,
  TEST_EMULATOR_PORT,
  TEST_EMULATOR_URL,
  TEST_SANDBOX_APP_PORT,
  TEST_SANDBOX_APP_URL,
  TEST_SANDBOX_EMULATOR_PORT,
  TEST_SANDBOX_EMULATOR_URL,
} from "../../scripts/ports.mjs";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";

/**
 * `.env.test`: the emulator's sandbox credentials and the test passwords. Vitest reads it as Next
 * does under NODE_ENV=test; a production server reads only production's files, so the servers get it here.
 */
/** @type {{ BOLT_PUBLISHABLE_KEY: string; BOLT_API_KEY: string; BOLT_DIVISION_ID: string; SESSION_PASSWORD: string; BOLT_SIGNING_SECRET: string; ADMIN_PASSWORD_HASH: string }} */
const TEST_SETTINGS = parseEnv(readFileSync(new URL("../../.env.test", import.meta.url), "utf8"));

/**
/**
 * The test storefronts' tuning (lib/config.ts): quick Bolt timeouts (a payment's longer than an account
 * read's, as in production), a CSP report budget small enough for the integration test to flood past it
 * quickly, and room for every suite's sign-ins at the order desk (its own limits are tested on a
 * storefront of their own). Extend it rather than replace it.
 */
export const TEST_TUNING = {
  boltTimeoutMs: 2000,
  boltPaymentTimeoutMs: 6000,
  rateLimits: { cspReports: "200/1m", adminSignIns: "1000/1m" },
};

/** The order desk's password on the test storefronts: `.env.test`'s ADMIN_PASSWORD_HASH is its hash. */
export const TEST_ADMIN_PASSWORD = "test-desk-password-0123";

/**
 * Where a storefront receives Bolt's webhooks.
 * @param {string} appUrl
 */
export const webhookUrl = (appUrl) => `${appUrl}/api/bolt/webhooks`;

/** Each emulator signs with the test secret and sends every event to its own storefront. */
export const testEmulatorEnv = {
  BOLT_EMULATOR_PORT: String(TEST_EMULATOR_PORT),
  BOLT_EMULATOR_PROFILE: "spec",
  BOLT_EMULATOR_SIGNING_SECRET: TEST_SETTINGS.BOLT_SIGNING_SECRET,
  BOLT_EMULATOR_WEBHOOK_URLS: webhookUrl(TEST_APP_URL),
  NEXT_TELEMETRY_DISABLED: "1",
};

/** The sandbox profile's second origin (the login modal, its images, the login status): Bolt's account host. */
export const TEST_SANDBOX_ACCOUNT_URL = `http://localhost:${TEST_SANDBOX_EMULATOR_PORT + 1}`;

export const sandboxEmulatorEnv = {
  ...testEmulatorEnv,
  BOLT_EMULATOR_PORT: String(TEST_SANDBOX_EMULATOR_PORT),
  BOLT_EMULATOR_ASSETS_PORT: String(TEST_SANDBOX_EMULATOR_PORT + 1),
  BOLT_EMULATOR_PROFILE: "sandbox",
  BOLT_EMULATOR_WEBHOOK_URLS: webhookUrl(TEST_SANDBOX_APP_URL),
};

/** Its own build folder, so a test run never clobbers the demo's `.next`. */
export const TEST_DIST_DIR = ".next-test";

/**
 * What the test storefronts run: the build's standalone server, as the Dockerfile's image runs it
 * (`node server.js`), with `npm run build`'s copies of `public/` and the static files beside it.
 */
export const TEST_SERVER = `${TEST_DIST_DIR}/standalone/server.js`;

export const testAppEnv = {
  ...TEST_SETTINGS,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: TEST_DIST_DIR,
  // The standalone server listens on HOSTNAME (which Docker and some CI set to the machine's name): loopback.
  HOSTNAME: "localhost",
  PORT: String(TEST_APP_PORT),
  APP_ORIGIN: TEST_APP_URL,
  BOLT_API_URL: TEST_EMULATOR_URL,
  BOLT_CONNECT_URL: TEST_EMULATOR_URL,
  STOREFRONT_TUNING: JSON.stringify(TEST_TUNING),
  // No proxy in front: no header says who the client is.
  TRUSTED_IP_HEADER: "none",
  // The storefront's own stop on SIGTERM (lib/lifecycle), as `npm start` and the image run it.
  NEXT_MANUAL_SIG_HANDLE: "true",
  // The run's own embedded ledger, emptied with the rest of the run's output. Absolute: the standalone
  // server changes into its own folder.
  PGLITE_DATA_DIR: fileURLToPath(new URL("../../.test-run/pglite", import.meta.url)),
};

/** The same build, started again: the storefront reads BOLT_* at run time, so only the env differs. */
export const sandboxAppEnv = {
  ...testAppEnv,
  PORT: String(TEST_SANDBOX_APP_PORT),
  APP_ORIGIN: TEST_SANDBOX_APP_URL,
  BOLT_API_URL: TEST_SANDBOX_EMULATOR_URL,
  BOLT_CONNECT_URL: TEST_SANDBOX_EMULATOR_URL,
  BOLT_ACCOUNT_URL: TEST_SANDBOX_ACCOUNT_URL,
  PGLITE_DATA_DIR: fileURLToPath(new URL("../../.test-run/pglite-sandbox", import.meta.url)),
};

/** Where a test run keeps its reports and the servers' output. */
export const TEST_OUTPUT = ".test-run";

/**
 * The test servers: a storefront and its emulator, twice, on the one build: the spec profile (every
 * suite) and the sandbox profile (the journeys Playwright runs twice). Each writes its output to its
 * own `log`, which tests read too (no card number may ever appear in a storefront's).
 */
export const TEST_PAIRS = [
  {
    name: "",
    emulator: {
      port: TEST_EMULATOR_PORT,
      url: TEST_EMULATOR_URL,
      env: testEmulatorEnv,
      log: `${TEST_OUTPUT}/emulator.log`,
    },
    app: { port: TEST_APP_PORT, url: TEST_APP_URL, env: testAppEnv, log: `${TEST_OUTPUT}/storefront.log` },
  },
  {
    name: "-sandbox",
    emulator: {
      port: TEST_SANDBOX_EMULATOR_PORT,
      url: TEST_SANDBOX_EMULATOR_URL,
      env: sandboxEmulatorEnv,
      log: `${TEST_OUTPUT}/emulator-sandbox.log`,
    },
    app: {
      port: TEST_SANDBOX_APP_PORT,
      url: TEST_SANDBOX_APP_URL,
      env: sandboxAppEnv,
      log: `${TEST_OUTPUT}/storefront-sandbox.log`,
    },
  },
];

/** Where a server answers once it is ready. */
export const READY_PATH = { emulator: "/.well-known/openid-configuration", app: "/api/health" };
