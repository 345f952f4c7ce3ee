// The benchmark's servers: a production build on its own ports and build folder, so a bench run
// never disturbs the tests (3210/4110) or the demo (3000/4010), against the emulator with latency 0.
import { SANDBOX_CREDENTIALS } from "bolt-emulator/test-client";

export const BENCH_APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3410);
export const BENCH_EMULATOR_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4310);
export const APP_URL = `http://localhost:${BENCH_APP_PORT}`;
export const EMULATOR_URL = `http://localhost:${BENCH_EMULATOR_PORT}`;
export const BENCH_DIST_DIR = ".next-bench";

/** One password, as a single-instance production site would have (the figures unseal with it). */
export const SESSION_PASSWORD = "bench-only-session-password-0123456789abcdef";
/** The webhook figure signs its deliveries with it, as Bolt signs with the store's signing secret. */
export const SIGNING_SECRET = "bench-only-signing-secret-0123456789abcdef";
/** The order desk's password; ADMIN_PASSWORD_HASH below is its hash. */
export const DESK_PASSWORD = "bench-only-desk-password";

export const benchEmulatorEnv = {
  BOLT_EMULATOR_PORT: String(BENCH_EMULATOR_PORT),
  NEXT_TELEMETRY_DISABLED: "1",
};

// Production defaults otherwise (lib/config.ts: Bolt calls time out at 5 s, 12-hour sessions), so the figures are a shop's.
export const benchAppEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: BENCH_DIST_DIR,
  PORT: String(BENCH_APP_PORT),
  APP_ORIGIN: APP_URL,
  BOLT_API_URL: EMULATOR_URL,
  BOLT_CONNECT_URL: EMULATOR_URL,
  BOLT_PUBLISHABLE_KEY: SANDBOX_CREDENTIALS.publishableKey,
  BOLT_API_KEY: SANDBOX_CREDENTIALS.apiKey,
  BOLT_DIVISION_ID: SANDBOX_CREDENTIALS.divisionId,
  SESSION_PASSWORD,
  // Production requires one; the bench's emulator sends no webhooks, the webhook figure signs its own.
  BOLT_SIGNING_SECRET: SIGNING_SECRET,
  // Production requires the order desk's password too: the hash of DESK_PASSWORD.
  ADMIN_PASSWORD_HASH: "scrypt:16384:8:1:LHmlHuWAdp7oc08J8ZhSUA:HOQHjhjXLrWhZlF0hRLHgeMQkjNe6iyKetk3mE2I0WQ",
  // Served directly on localhost: no proxy sets a client-IP header.
  TRUSTED_IP_HEADER: "none",
  // The storefront's own stop on SIGTERM, as `npm start` and the image run it.
  NEXT_MANUAL_SIG_HANDLE: "true",
};
