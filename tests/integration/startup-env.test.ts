import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { TEST_SERVER, testAppEnv } from "@/tests/support/test-env.mjs";

/** A port nothing listens on, so a leftover server cannot turn this test into an EADDRINUSE. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts the test build with the given environment and collects what it prints until it exits: its
 * standalone server, as the Dockerfile's image runs it, which sets NODE_ENV=production itself, or
 * `next start`, which keeps whatever NODE_ENV it is given (as a host running Next another way may).
 */
async function startWith(
  env: Record<string, string | undefined>,
  server: "standalone" | "next start" = "standalone",
): Promise<{ code: number | null; output: string }> {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  // Deleted rather than set to undefined, which a child process would receive as the text "undefined".
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  merged.PORT = String(await freePort());
  return new Promise((resolve) => {
    const child =
      server === "standalone"
        ? spawn("node", [TEST_SERVER], { env: merged })
        : spawn("npx", ["next", "start"], { env: merged });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The refusal's text: the message of the JSON error line the server logs before it exits. */
function refusalIn(output: string): string {
  const errors = output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level?: string; msg?: string })
    .filter((line) => line.level === "error");
  return errors.map((line) => line.msg ?? "").join("\n");
}

describe("start-up configuration", () => {
  it("refuses to start in production with a bad environment, naming each variable and how to fix it", async () => {
    const { code, output } = await startWith({
      ...testAppEnv,
      NODE_ENV: "production",
      BOLT_API_URL: undefined,
      BOLT_PUBLISHABLE_KEY: "not-a-publishable-key",
      SESSION_PASSWORD: "too-short",
    });
    expect(code).toBe(1);
    const refusal = refusalIn(output);
    expect(refusal).toContain("BOLT_API_URL is missing");
    expect(refusal).toContain("BOLT_PUBLISHABLE_KEY must be Bolt's publishable key");
    expect(refusal).toContain("SESSION_PASSWORD must be at least 32 characters");
    expect(output).not.toMatch(/\bat .*\.js:\d+/); // a message, not a stack trace
  }, 30_000);

  // Production refuses each weak setting on its own, even when everything else is right: the
  // test build's environment (http on localhost, which production allows) plus one change.
  it.concurrent.each([
    ["APP_ORIGIN unset", { APP_ORIGIN: undefined }, "APP_ORIGIN is missing: production needs it set"],
    ["APP_ORIGIN on plain http", { APP_ORIGIN: "http://shop.example.com" }, "APP_ORIGIN must be https in production"],
    [
      "TRUSTED_IP_HEADER unset (none says the store is exposed directly)",
      { TRUSTED_IP_HEADER: undefined },
      "TRUSTED_IP_HEADER is missing: production needs it set: name the header your proxy sets",
    ],
    [
      "BOLT_API_URL on plain http",
      { BOLT_API_URL: "http://api.bolt.example" },
      "BOLT_API_URL must be https in production",
    ],
    [
      "BOLT_CONNECT_URL on plain http",
      { BOLT_CONNECT_URL: "http://connect.bolt.example" },
      "BOLT_CONNECT_URL must be https in production",
    ],
    [
      "insecure cookies",
      { STOREFRONT_TUNING: JSON.stringify({ sessionCookieInsecure: true }) },
      "STOREFRONT_TUNING.sessionCookieInsecure is refused in production",
    ],
    [
      "the emulator's public webhook signing secret",
      { BOLT_SIGNING_SECRET: "emu_signing_secret_dev_0123456789abcdef" },
      "BOLT_SIGNING_SECRET is the emulator's public development secret, refused in production",
    ],
    [
      "the order desk's demo password from .env.development",
      { ADMIN_PASSWORD_HASH: "scrypt:16384:8:1:10sfpADHW8VUkX97bYF9sQ:daq02rIOl5xxwNqj4lkGfQ1vq7Dva7ajHEvaTCBZdy0" },
      "ADMIN_PASSWORD_HASH is .env.development's demo password, refused in production",
    ],
    [
      "no order desk password",
      { ADMIN_PASSWORD_HASH: undefined },
      "ADMIN_PASSWORD_HASH is missing: production needs it set",
    ],
  ])(
    "refuses to start in production with %s, naming that setting alone",
    async (_case, change, message) => {
      const { code, output } = await startWith({ ...testAppEnv, NODE_ENV: "production", ...change });
      expect(code).toBe(1);
      const refusal = refusalIn(output);
      expect(refusal).toContain(`  - ${message}`);
      expect(refusal.match(/^ {2}- /gm)).toHaveLength(1);
      expect(output).not.toMatch(/\bat .*\.js:\d+/);
    },
    30_000,
  );

  it("under `next start`, which keeps NODE_ENV, refuses a NODE_ENV other than development or test without SESSION_PASSWORD, saying why", async () => {
    const { code, output } = await startWith(
      { ...testAppEnv, NODE_ENV: "staging", SESSION_PASSWORD: undefined },
      "next start",
    );
    expect(code).toBe(1);
    const refusal = refusalIn(output);
    expect(refusal).toContain(
      "  - SESSION_PASSWORD is missing: production needs it set, and NODE_ENV=staging is production here",
    );
    expect(refusal.match(/^ {2}- /gm)).toHaveLength(1);
    expect(output).not.toMatch(/\bat .*\.js:\d+/);
  }, 30_000);
});
