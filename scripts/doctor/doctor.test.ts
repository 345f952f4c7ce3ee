import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseEnv as parseDotenv, promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "bolt-emulator/server";
import { EmulatorTestClient, SANDBOX_CREDENTIALS } from "bolt-emulator/test-client";
import { redact, runChecks, type CheckResult, type Source } from "./checks";
import { allPassed, formatReport } from "./report";

// `npm run doctor` against the emulator in both profiles: every check passes with a fresh clone's
// set-up (.env.development), and each broken variable fails its own check with its fix.

let spec: RunningEmulator;
let sandbox: RunningEmulator;
/** Stands in for a wrong host: answers every path with an HTML page, and a CSP set per test. */
let elsewhere: Server;
let elsewhereUrl: string;
let servedCsp = "";
/** A port nobody listens on. */
let closedUrl: string;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Where the store's webhooks are registered in these emulators: development's default port, and production's origin. */
const PRODUCTION_ORIGIN = "https://shop.example.com";

beforeAll(async () => {
  const closed = createServer();
  closedUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  const webhooks = [
    "http://localhost:3000/api/bolt/webhooks",
    `http://localhost:${new URL(closedUrl).port}/api/bolt/webhooks`,
    `${PRODUCTION_ORIGIN}/api/bolt/webhooks`,
  ].join(",");
  [spec, sandbox] = await Promise.all([
    startEmulator({ port: 0, env: { BOLT_EMULATOR_WEBHOOK_URLS: webhooks } }),
    startEmulator({ port: 0, env: { BOLT_EMULATOR_PROFILE: "sandbox", BOLT_EMULATOR_WEBHOOK_URLS: webhooks } }),
  ]);
  elsewhere = createServer((_request, response) => {
    response.writeHead(404, {
      "Content-Type": "text/html",
      ...(servedCsp ? { "Content-Security-Policy": servedCsp } : {}),
    });
    response.end("<!doctype html><title>Not here</title>");
  });
  elsewhereUrl = await listen(elsewhere);
});

afterAll(async () => {
  await Promise.all([spec.close(), sandbox.close(), new Promise((resolve) => elsewhere.close(resolve))]);
});

/**
 * `.env.development`, what a fresh clone runs with, pointed at this test's emulator (and its second
 * origin, in the sandbox profile) instead of ports 4010 and 4011, and read as `npm run doctor` reads it
 * without `--production` (NODE_ENV=development, as `next dev`).
 */
function developmentEnv(emulatorUrl: string, accountUrl = emulatorUrl): Source {
  const committed = parseDotenv(readFileSync(new URL("../../.env.development", import.meta.url), "utf8"));
  return {
    ...committed,
    NODE_ENV: "development",
    BOLT_API_URL: emulatorUrl,
    BOLT_CONNECT_URL: emulatorUrl,
    BOLT_ACCOUNT_URL: accountUrl,
  };
}

function check(results: CheckResult[], name: string): CheckResult {
  const found = results.find((result) => result.name === name);
  if (!found) throw new Error(`no check named ${name}`);
  return found;
}

const failures = (results: CheckResult[]) =>
  results.filter((result) => result.status === "fail").map((result) => result.name);

describe.each(["spec", "sandbox"])("npm run doctor against the emulator's %s profile", (profile) => {
  const emulator = () => (profile === "spec" ? spec : sandbox);
  const run = (change: Source = {}) =>
    runChecks({ ...developmentEnv(emulator().url, emulator().assetsUrl), ...change }, { storefrontUrl: closedUrl });

  it("passes every check with .env.development's set-up", async () => {
    const results = await run();
    expect(results.map((result) => [result.name, result.status])).toEqual([
      ["Environment", "pass"],
      ["Bolt API discovery", "pass"],
      ["Issuer and JWKS origin", "pass"],
      ["JWKS signing key", "pass"],
      ["Client credentials", "pass"],
      ["embed.js", "pass"],
      ["BOLT_DIVISION_ID", "pass"],
      ["SESSION_PASSWORD", "pass"],
      ["TRUSTED_IP_HEADER", "pass"],
      ["CSP allows Bolt", "pass"],
      ["BOLT_SIGNING_SECRET", "pass"],
      ["Webhook registered", "pass"],
    ]);
    expect(allPassed(results)).toBe(true);
    expect(formatReport(results)).toMatch(/All 12 checks passed\.$/);
  });

  it("names a wrong API key, and nothing else", async () => {
    const results = await run({ BOLT_API_KEY: "sk_wrong_0123456789abcdef" });
    expect(failures(results)).toEqual(["Client credentials"]);
    expect(check(results, "Client credentials")).toMatchObject({
      detail: expect.stringContaining("BOLT_API_KEY sk_w…"),
      fix: expect.stringContaining("BOLT_API_KEY from the same division"),
    });
  });

  it("names an unreachable BOLT_API_URL", async () => {
    const results = await run({ BOLT_API_URL: closedUrl });
    expect(failures(results)).toEqual(["Bolt API discovery", "Client credentials"]);
    expect(check(results, "Bolt API discovery")).toMatchObject({
      detail: expect.stringMatching(/could not be reached \(ECONNREFUSED\)/),
      fix: expect.stringContaining("Set BOLT_API_URL to Bolt's API origin"),
    });
    expect(check(results, "JWKS signing key").status).toBe("skipped");
    expect(check(results, "Webhook registered").status).toBe("skipped");
  });

  it("names a storefront whose webhook URL Bolt does not know, with the command that registers it", async () => {
    const results = await run({ PORT: "3999" });
    expect(failures(results)).toEqual(["Webhook registered"]);
    expect(check(results, "Webhook registered")).toMatchObject({
      detail: `http://localhost:3999/api/bolt/webhooks is not registered at ${emulator().url}`,
      fix: expect.stringContaining("npm run bolt -- webhooks register"),
    });
  });

  it("names a webhook registered for only some of the events the store uses", async () => {
    const bolt = new EmulatorTestClient(emulator().url, SANDBOX_CREDENTIALS);
    const id = await bolt.registerWebhook("http://localhost:3998/api/bolt/webhooks", ["capture", "credit"]);
    try {
      const results = await run({ PORT: "3998" });
      expect(check(results, "Webhook registered")).toMatchObject({
        status: "fail",
        detail: expect.stringContaining("does not get payment, auth, pending, void"),
        fix: expect.stringContaining(`npm run bolt -- webhooks delete ${id}`),
      });
    } finally {
      await bolt.deleteWebhook(id);
    }
  });

  it("names a BOLT_CONNECT_URL that serves no embed.js", async () => {
    const results = await run({ BOLT_CONNECT_URL: elsewhereUrl });
    expect(failures(results)).toEqual(["embed.js"]);
    expect(check(results, "embed.js")).toMatchObject({
      detail: `${elsewhereUrl}/embed.js answered 404 (text/html), not JavaScript`,
      fix: expect.stringContaining("Set BOLT_CONNECT_URL to Bolt's connect origin"),
    });
  });

  it("names a BOLT_API_URL on another origin than Bolt's issuer (127.0.0.1 for localhost)", async () => {
    const local = emulator().url;
    const results = await run({ BOLT_API_URL: local.replace("localhost", "127.0.0.1") });
    expect(failures(results)).toEqual(["Issuer and JWKS origin"]);
    expect(check(results, "Issuer and JWKS origin").fix).toBe(
      `Set BOLT_API_URL=${local}, the origin Bolt's discovery document names.`,
    );
  });
});

describe("npm run doctor: the environment's own rules", () => {
  const run = (change: Source) => runChecks({ ...developmentEnv(spec.url), ...change }, { storefrontUrl: closedUrl });

  it("stops at a malformed environment, naming each variable", async () => {
    const results = await run({ BOLT_API_URL: "api-sandbox.bolt.com", STOREFRONT_TUNING: '{"boltTimeoutMs":"soon"}' });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ name: "Environment", status: "fail" });
    expect(results[0]?.detail).toMatch(/BOLT_API_URL .*; STOREFRONT_TUNING\.boltTimeoutMs /);
  });

  it("refuses a guessable session password without printing it", async () => {
    const password = "ab".repeat(20);
    const results = await run({ SESSION_PASSWORD: password });
    expect(failures(results)).toEqual(["SESSION_PASSWORD"]);
    expect(formatReport(results)).not.toContain(password.slice(0, 8));
    const strong = await run({ SESSION_PASSWORD: "q7Rm2Vx9Lp4Tz8Kc1Nw6Hb3Jf5Gd0Ys=" });
    expect(check(strong, "SESSION_PASSWORD").status).toBe("pass");
  });

  it("in production, wants APP_ORIGIN set and https, and TRUSTED_IP_HEADER (the emulator may stay plain http)", async () => {
    const production = {
      NODE_ENV: "production",
      SESSION_PASSWORD: "q7Rm2Vx9Lp4Tz8Kc1Nw6Hb3Jf5Gd0Ys=",
      BOLT_SIGNING_SECRET: "prod-signing-secret-4c1e9a7b",
      // The store's own desk password (npm run admin:password), not .env.development's demo one.
      ADMIN_PASSWORD_HASH: "scrypt:32768:8:1:pQq3WQnf17o9hUdlsnDplA:B5hlZS1XR8IA1AlXYeJr7ImxSyOUzSunwqxtSmAOSiE",
    };
    const environment = async (change: Source) => check(await run({ ...production, ...change }), "Environment");
    expect(await environment({})).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/^APP_ORIGIN is missing/),
    });
    expect(await environment({ APP_ORIGIN: "http://shop.example.com", TRUSTED_IP_HEADER: "none" })).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/^APP_ORIGIN must be https in production/),
    });
    expect(await environment({ APP_ORIGIN: PRODUCTION_ORIGIN })).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/^TRUSTED_IP_HEADER is missing: .*or none when the store is exposed directly/),
    });
    const direct = await run({ ...production, APP_ORIGIN: PRODUCTION_ORIGIN, TRUSTED_IP_HEADER: "none" });
    expect(failures(direct)).toEqual([]);
    expect(check(direct, "TRUSTED_IP_HEADER").detail).toMatch(/^none: the store is exposed directly/);
  });

  it("in production, refuses the emulator's signing secret; in development, names a missing one", async () => {
    const production = {
      NODE_ENV: "production",
      SESSION_PASSWORD: "q7Rm2Vx9Lp4Tz8Kc1Nw6Hb3Jf5Gd0Ys=",
      APP_ORIGIN: PRODUCTION_ORIGIN,
      TRUSTED_IP_HEADER: "none",
    };
    expect(check(await run(production), "Environment")).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/^BOLT_SIGNING_SECRET is the emulator's public development secret/),
    });
    const unset = await run({ BOLT_SIGNING_SECRET: "" });
    expect(failures(unset)).toEqual(["BOLT_SIGNING_SECRET"]);
    expect(check(unset, "BOLT_SIGNING_SECRET").fix).toContain("Bolt's Merchant Dashboard");
  });

  it("names the emulator's signing secret kept with the merchant's own keys", async () => {
    const results = await run({ BOLT_PUBLISHABLE_KEY: "merchant.division.key" });
    expect(check(results, "BOLT_SIGNING_SECRET")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("the emulator's (.env.development) while the keys are another's"),
    });
  });

  it("wants BOLT_DIVISION_ID when the keys are the merchant's own", async () => {
    const results = await run({ BOLT_PUBLISHABLE_KEY: "merchant.division.key" });
    expect(check(results, "BOLT_DIVISION_ID")).toMatchObject({
      status: "fail",
      fix: expect.stringContaining("Set BOLT_DIVISION_ID"),
    });
  });

  it("reads the CSP a running storefront serves, and names a stale one", async () => {
    servedCsp = `script-src 'self' ${spec.url}; frame-src ${spec.url}`;
    expect(
      check(await runChecks(developmentEnv(spec.url), { storefrontUrl: elsewhereUrl }), "CSP allows Bolt"),
    ).toMatchObject({
      status: "pass",
      detail: expect.stringContaining(`the storefront at ${elsewhereUrl} allows`),
    });
    servedCsp = "script-src 'self' https://connect-sandbox.bolt.com; frame-src https://connect-sandbox.bolt.com";
    expect(
      check(await runChecks(developmentEnv(spec.url), { storefrontUrl: elsewhereUrl }), "CSP allows Bolt"),
    ).toMatchObject({
      status: "fail",
      fix: "Restart the storefront so it reads BOLT_CONNECT_URL again.",
    });
    servedCsp = "";
  });
});

describe("redact", () => {
  it("shows at most the first four characters", () => {
    expect(redact("emu_sandbox_api_key_4f9c")).toBe("emu_…");
    expect(redact("abc")).toBe("…");
  });
});

describe("the npm run doctor command", () => {
  const exec = promisify(execFile);
  const doctor = (env: Source) =>
    exec("npx", ["tsx", "--conditions=react-server", "scripts/doctor.ts"], {
      env: { ...process.env, ...env, NODE_ENV: "development" },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  it("prints the table and exits 0 when every check passes, 1 with the fix otherwise, never a secret", async () => {
    const ok = await doctor({ ...developmentEnv(spec.url), PORT: new URL(closedUrl).port });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("✓  Client credentials");
    expect(ok.stdout).toContain("All 12 checks passed.");
    const secret = "sk_live_do_not_print_me_0123456789";
    const broken = await doctor({ ...developmentEnv(spec.url), PORT: new URL(closedUrl).port, BOLT_API_KEY: secret });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("✗  Client credentials");
    expect(broken.stdout).toContain("Fix: Copy BOLT_PUBLISHABLE_KEY and BOLT_API_KEY");
    expect(broken.stdout).not.toContain(secret.slice(0, 5));
  }, 30_000);
});
