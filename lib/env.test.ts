import { readFileSync } from "node:fs";
import { parseEnv as parseDotenv } from "node:util";
import { SANDBOX_CREDENTIALS } from "bolt-emulator/test-client";
import { describe, expect, it } from "vitest";
import { SANDBOX_SIGNING_SECRET } from "bolt-emulator/test-client";
import { verifyPassword } from "./admin/password";
import {
  DEV_ONLY_ADMIN_PASSWORD_HASH,
  DEV_ONLY_SESSION_PASSWORD,
  DEV_ONLY_SIGNING_SECRET,
  EnvError,
  parseEnv,
} from "./env";

/** A hash `npm run admin:password` printed, for a password of a store's own. */
const ADMIN_PASSWORD_HASH = "scrypt:32768:8:1:pQq3WQnf17o9hUdlsnDplA:B5hlZS1XR8IA1AlXYeJr7ImxSyOUzSunwqxtSmAOSiE";

const production = {
  NODE_ENV: "production",
  BOLT_API_URL: "https://api-sandbox.bolt.com",
  BOLT_CONNECT_URL: "https://connect-sandbox.bolt.com",
  BOLT_PUBLISHABLE_KEY: "aaaa.bbbb.cccc",
  BOLT_API_KEY: "secret-api-key-123",
  BOLT_DIVISION_ID: "div_1",
  SESSION_PASSWORD: "x".repeat(32),
  APP_ORIGIN: "https://shop.example.com",
  BOLT_SIGNING_SECRET: "bolt-signing-secret-0123456789",
  ADMIN_PASSWORD_HASH,
  TRUSTED_IP_HEADER: "x-real-ip",
};

const development = {
  ...production,
  NODE_ENV: "development",
  BOLT_API_URL: "http://localhost:4010",
  BOLT_CONNECT_URL: "http://localhost:4010",
  APP_ORIGIN: undefined,
};

const REQUIRED = [
  "BOLT_API_URL",
  "BOLT_CONNECT_URL",
  "BOLT_PUBLISHABLE_KEY",
  "BOLT_API_KEY",
  "BOLT_DIVISION_ID",
  "SESSION_PASSWORD",
];

/** Drops `Secure` from the cookies: only outside production. */
const INSECURE = JSON.stringify({ sessionCookieInsecure: true });

/** A committed `.env.*` file, read as written (nothing expanded). */
const committed = (file: string) => parseDotenv(readFileSync(new URL(`../${file}`, import.meta.url), "utf8"));

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error("expected an EnvError");
}

describe("parseEnv", () => {
  it("reads development's settings, with the documented defaults for the rest", () => {
    const env = parseEnv(development);
    expect(env).toMatchObject({
      boltApiUrl: "http://localhost:4010",
      boltConnectUrl: "http://localhost:4010",
      appOrigin: undefined,
      boltTimeoutMs: 5000,
      sessionCookieInsecure: false,
      sessionMaxAgeMs: 12 * 60 * 60 * 1000,
      sessionIdleMs: 30 * 60 * 1000,
      isDevelopment: true,
    });
  });

  it.each([
    ["development", /development reads it from \.env\.development, unless \.env\.local empties it/],
    ["test", /tests read it from \.env\.test/],
  ])(
    "has no built-in values under NODE_ENV=%s: names each missing variable and where it comes from",
    (nodeEnv, hint) => {
      const problems = problemsOf({ NODE_ENV: nodeEnv });
      expect(problems).toEqual(
        REQUIRED.map((name) => expect.stringMatching(new RegExp(`^${name} is missing: ${hint.source}`))),
      );
    },
  );

  it("treats empty strings as unset", () => {
    expect(problemsOf({ ...development, BOLT_API_URL: "" })).toEqual([
      expect.stringMatching(/^BOLT_API_URL is missing/),
    ]);
    expect(parseEnv({ ...development, APP_ORIGIN: "", STOREFRONT_TUNING: "" })).toMatchObject({
      appOrigin: undefined,
      boltTimeoutMs: 5000,
    });
  });

  it("names every missing variable in production, with how to fix it", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    for (const name of [
      "BOLT_API_URL",
      "BOLT_CONNECT_URL",
      "BOLT_PUBLISHABLE_KEY",
      "BOLT_API_KEY",
      "BOLT_DIVISION_ID",
      "SESSION_PASSWORD",
      "APP_ORIGIN",
      "BOLT_SIGNING_SECRET",
      "ADMIN_PASSWORD_HASH",
      "TRUSTED_IP_HEADER",
    ]) {
      expect(problems).toContainEqual(
        expect.stringMatching(new RegExp(`^${name} is missing: production needs it set`)),
      );
    }
    expect(problems).toHaveLength(10);
  });

  it("wants production to say which header carries the client's IP, or none when exposed directly", () => {
    expect(problemsOf({ ...production, TRUSTED_IP_HEADER: undefined })).toEqual([
      expect.stringMatching(
        /^TRUSTED_IP_HEADER is missing: production needs it set: .*or none when the store is exposed directly/,
      ),
    ]);
    expect(parseEnv({ ...production, TRUSTED_IP_HEADER: "none" }).trustedIpHeader).toBeUndefined();
    expect(parseEnv({ ...production, TRUSTED_IP_HEADER: "CF-Connecting-IP" }).trustedIpHeader).toBe("cf-connecting-ip");
    expect(parseEnv({ ...development, TRUSTED_IP_HEADER: undefined }).trustedIpHeader).toBeUndefined();
  });

  it("names each malformed variable in one error, without echoing secrets", () => {
    const source = {
      ...production,
      BOLT_API_URL: "https://api-sandbox.bolt.com/v1",
      BOLT_CONNECT_URL: "ftp://connect.example",
      BOLT_PUBLISHABLE_KEY: "only.two",
      SESSION_PASSWORD: "short-secret",
      APP_ORIGIN: "not a url",
      STOREFRONT_TUNING: JSON.stringify({
        boltTimeoutMs: "soon",
        sessionCookieInsecure: "yes",
        sessionMaxAgeHours: 0,
        sessionIdleMinutes: 1441,
      }),
    };
    const problems = problemsOf(source);
    expect(problems.map((problem) => problem.split(" ")[0])).toEqual([
      "BOLT_API_URL",
      "BOLT_CONNECT_URL",
      "BOLT_PUBLISHABLE_KEY",
      "SESSION_PASSWORD",
      "APP_ORIGIN",
      "STOREFRONT_TUNING.boltTimeoutMs",
      "STOREFRONT_TUNING.sessionMaxAgeHours",
      "STOREFRONT_TUNING.sessionIdleMinutes",
      "STOREFRONT_TUNING.sessionCookieInsecure",
    ]);
    expect(problems.join("\n")).not.toContain("short-secret");
    expect(() => parseEnv(source)).toThrow(
      /Invalid environment \(see \.env\.example\):\n {2}- BOLT_API_URL must be an http\(s\) origin/,
    );
  });

  it("names a LOG_LEVEL or an OTLP endpoint that would be ignored", () => {
    expect(problemsOf({ ...production, LOG_LEVEL: "verbose", OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toEqual([
      "LOG_LEVEL must be one of debug, info (the default), warn, error or silent",
      "OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, like http://otel-collector:4318",
    ]);
    expect(() =>
      parseEnv({ ...production, LOG_LEVEL: "warn", OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" }),
    ).not.toThrow();
  });

  it.each([
    ['{"1":"short"}', /each password must be at least 32 characters/],
    ['{"one":"' + "x".repeat(32) + '"}', /ids must be whole numbers/],
    ["{}", /must not be empty/],
    ["{not json", /does not parse/],
  ])("refuses the password map %s", (value, message) => {
    expect(problemsOf({ ...production, SESSION_PASSWORD: value })).toEqual([expect.stringMatching(message)]);
  });

  it("reads a password map for rotation and a plain password as id 1", () => {
    const map = { 1: "o".repeat(32), 2: "n".repeat(40) };
    expect(parseEnv({ ...production, SESSION_PASSWORD: JSON.stringify(map) }).sessionPasswords).toEqual(map);
    expect(parseEnv(production).sessionPasswords).toEqual({ 1: "x".repeat(32) });
  });

  it("stores origins without a trailing slash and reads the optional settings", () => {
    const env = parseEnv({
      ...production,
      BOLT_API_URL: "https://API-sandbox.bolt.com/",
      APP_ORIGIN: "https://shop.example.com/",
      STOREFRONT_TUNING: JSON.stringify({ boltTimeoutMs: 2500, sessionMaxAgeHours: 4, sessionIdleMinutes: 15 }),
    });
    expect(env).toMatchObject({
      boltApiUrl: "https://api-sandbox.bolt.com",
      appOrigin: "https://shop.example.com",
      boltTimeoutMs: 2500,
      sessionCookieInsecure: false,
      sessionMaxAgeMs: 4 * 60 * 60 * 1000,
      sessionIdleMs: 15 * 60 * 1000,
      isDevelopment: false,
    });
  });

  it("lets a plain-http LAN demo drop Secure outside production", () => {
    const env = parseEnv({ ...development, APP_ORIGIN: "http://192.168.1.20:3000", STOREFRONT_TUNING: INSECURE });
    expect(env).toMatchObject({ appOrigin: "http://192.168.1.20:3000", sessionCookieInsecure: true });
  });
});

describe("parseEnv: the order ledger's database", () => {
  it("uses the embedded database under .data/pglite unless told otherwise", () => {
    expect(parseEnv(production)).toMatchObject({ databaseUrl: undefined, pgliteDataDir: ".data/pglite" });
    expect(parseEnv({ ...production, PGLITE_DATA_DIR: "/var/lib/shop" }).pgliteDataDir).toBe("/var/lib/shop");
  });

  it.each(["mysql://db/shop", "db.internal:5432", "postgres:/missing-slash"])("refuses DATABASE_URL=%s", (url) => {
    expect(problemsOf({ ...production, DATABASE_URL: url })).toEqual([
      expect.stringMatching(/^DATABASE_URL must be a postgres:\/\/ URL/),
    ]);
  });

  it.each(["postgres://shop@db:5432/shop", "postgresql://shop:secret@db/shop?sslmode=require"])(
    "accepts DATABASE_URL=%s",
    (url) => expect(parseEnv({ ...production, DATABASE_URL: url }).databaseUrl).toBe(url),
  );
});

describe("parseEnv: the tuning knobs (lib/config.ts) and STOREFRONT_TUNING", () => {
  it("uses the documented defaults when STOREFRONT_TUNING is unset", () => {
    expect(parseEnv(production)).toMatchObject({
      boltTimeoutMs: 5000,
      redisTimeoutMs: 250,
      sessionMaxAgeMs: 12 * 60 * 60 * 1000,
      sessionIdleMs: 30 * 60 * 1000,
      sessionCookieInsecure: false,
      reconcileIntervalMs: 20_000,
      firstCheckDelayMs: 120_000,
      rateLimits: {
        signInPerIp: { max: 30, windowMs: 60_000 },
        tokenExchanges: { max: 1200, windowMs: 60_000 },
        placeOrderPerSession: { max: 20, windowMs: 600_000 },
        cspReportsPerIp: { max: 60, windowMs: 60_000 },
        cspReports: { max: 1200, windowMs: 60_000 },
        guestPaymentsPerIp: { max: 10, windowMs: 600_000 },
        guestPayments: { max: 120, windowMs: 60_000 },
        adminSignInPerIp: { max: 10, windowMs: 900_000 },
        adminSignIns: { max: 50, windowMs: 900_000 },
      },
    });
  });

  it("overrides only the keys it names, nested ones included", () => {
    const env = parseEnv({
      ...production,
      STOREFRONT_TUNING: '{"boltTimeoutMs":2000,"redisTimeoutMs":1000,"rateLimits":{"cspReports":"200/1m"}}',
    });
    expect(env).toMatchObject({ boltTimeoutMs: 2000, redisTimeoutMs: 1000, sessionIdleMs: 30 * 60 * 1000 });
    expect(env.rateLimits.cspReports).toEqual({ max: 200, windowMs: 60_000 });
    expect(env.rateLimits.signInPerIp).toEqual({ max: 30, windowMs: 60_000 });
  });

  it("names an unknown key at any depth, and a bad value by its path", () => {
    const problems = problemsOf({
      ...production,
      STOREFRONT_TUNING: JSON.stringify({ boltTimeout: 2000, rateLimits: { cspReport: "1/1m", signInPerIp: "often" } }),
    });
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^STOREFRONT_TUNING has no key "boltTimeout" \(lib\/config\.ts lists every key\)/),
        expect.stringMatching(/^STOREFRONT_TUNING\.rateLimits has no key "cspReport"/),
        expect.stringMatching(/^STOREFRONT_TUNING\.rateLimits\.signInPerIp must be a count per window, like "30\/1m"/),
      ]),
    );
  });

  it.each([
    ["{boltTimeoutMs:2000}", /^STOREFRONT_TUNING must be JSON, like \{"boltTimeoutMs":2000/],
    ["2000", /^STOREFRONT_TUNING must be a JSON object/],
    ['{"rateLimits":"200/1m"}', /^STOREFRONT_TUNING\.rateLimits must be a JSON object/],
    ['{"rateLimits":{"cspReports":"0/1m"}}', /^STOREFRONT_TUNING\.rateLimits\.cspReports must be a count per window/],
    ['{"rateLimits":{"cspReports":"5/25h"}}', /^STOREFRONT_TUNING\.rateLimits\.cspReports must be a count per window/],
  ])("refuses STOREFRONT_TUNING=%s, saying what it wants", (value, message) => {
    expect(problemsOf({ ...production, STOREFRONT_TUNING: value })).toEqual([expect.stringMatching(message)]);
  });

  it("refuses the variables STOREFRONT_TUNING replaced, naming the key to set instead", () => {
    expect(problemsOf({ ...production, BOLT_TIMEOUT_MS: "2000", RATE_LIMIT_CSP_REPORTS: "200/1m" })).toEqual([
      "BOLT_TIMEOUT_MS is no longer read: set the key boltTimeoutMs in STOREFRONT_TUNING instead (see lib/config.ts)",
      "RATE_LIMIT_CSP_REPORTS is no longer read: set the key rateLimits.cspReports in STOREFRONT_TUNING instead (see lib/config.ts)",
    ]);
  });
});

describe("parseEnv refuses production settings that weaken the store", () => {
  it.each([
    ["APP_ORIGIN", { APP_ORIGIN: "http://shop.example.com" }, /^APP_ORIGIN must be https in production/],
    ["BOLT_API_URL", { BOLT_API_URL: "http://api.bolt.example" }, /^BOLT_API_URL must be https in production.*API key/],
    ["BOLT_CONNECT_URL", { BOLT_CONNECT_URL: "http://10.0.0.7:4010" }, /^BOLT_CONNECT_URL must be https in production/],
    [
      "STOREFRONT_TUNING.sessionCookieInsecure",
      { STOREFRONT_TUNING: INSECURE },
      /^STOREFRONT_TUNING\.sessionCookieInsecure is refused in production/,
    ],
  ])("refuses a weak %s, naming it", (_name, change, message) => {
    expect(problemsOf({ ...production, ...change })).toEqual([expect.stringMatching(message)]);
  });

  it("refuses Redis without DATABASE_URL: several instances cannot share the embedded database", () => {
    expect(problemsOf({ ...production, REDIS_URL: "redis://cache.internal:6379" })).toEqual([
      expect.stringMatching(/^DATABASE_URL is required when REDIS_URL is set/),
    ]);
    const env = parseEnv({
      ...production,
      REDIS_URL: "redis://cache.internal:6379",
      DATABASE_URL: "postgres://shop@db.internal:5432/shop",
    });
    expect(env).toMatchObject({ databaseUrl: "postgres://shop@db.internal:5432/shop" });
  });

  it("requires a Postgres and a Redis on Vercel, where neither the embedded database nor memory lasts", () => {
    expect(problemsOf({ ...production, VERCEL: "1" })).toEqual([
      expect.stringMatching(/^DATABASE_URL and REDIS_URL are required on Vercel/),
    ]);
    expect(() =>
      parseEnv({
        ...production,
        VERCEL: "1",
        DATABASE_URL: "postgres://shop:secret@db.example:5432/shop",
        REDIS_URL: "rediss://default:secret@redis.example:6380",
      }),
    ).not.toThrow();
  });

  it("reports a weak setting together with a malformed one, in one error", () => {
    const problems = problemsOf({ ...production, APP_ORIGIN: "http://shop.example.com", SESSION_PASSWORD: "short" });
    expect(problems.map((problem) => problem.split(" ")[0])).toEqual(["SESSION_PASSWORD", "APP_ORIGIN"]);
  });

  it("requires APP_ORIGIN, whose absence would drop the cookies' __Host- prefix", () => {
    expect(problemsOf({ ...production, APP_ORIGIN: undefined })).toEqual([
      expect.stringMatching(/^APP_ORIGIN is missing: production needs it set/),
    ]);
  });

  it.each(["http://localhost:3210", "http://127.0.0.1:3210", "http://[::1]:3210"])(
    "accepts plain http on the loopback host %s (the tests, the bench, a local preview)",
    (origin) => {
      const env = parseEnv({ ...production, APP_ORIGIN: origin, BOLT_API_URL: origin, BOLT_CONNECT_URL: origin });
      expect(env).toMatchObject({ appOrigin: origin, boltApiUrl: origin, boltConnectUrl: origin });
    },
  );

  it.each(["http://localhost.evil.example", "http://127.0.0.1.nip.io", "http://128.0.0.1"])(
    "does not mistake %s for loopback",
    (origin) => {
      expect(problemsOf({ ...production, BOLT_API_URL: origin })).toEqual([
        expect.stringMatching(/^BOLT_API_URL must be https/),
      ]);
    },
  );

  it.each([undefined, "staging", "prod", ""])(
    "treats NODE_ENV=%s as production: no dev-only password, no emulator defaults",
    (nodeEnv) => {
      const problems = problemsOf({ NODE_ENV: nodeEnv });
      expect(problems).toContainEqual(
        expect.stringMatching(/^SESSION_PASSWORD is missing: production needs it set, and NODE_ENV=/),
      );
      expect(problems).toHaveLength(10);
      expect(() => parseEnv({ ...production, NODE_ENV: nodeEnv, STOREFRONT_TUNING: INSECURE })).toThrow(EnvError);
    },
  );

  it.each(["development", "test"])("accepts the public dev-only password for NODE_ENV=%s", (nodeEnv) => {
    const env = parseEnv({ ...development, NODE_ENV: nodeEnv, SESSION_PASSWORD: DEV_ONLY_SESSION_PASSWORD });
    expect(env.sessionPasswords).toEqual({ 1: DEV_ONLY_SESSION_PASSWORD });
  });

  it.each([
    ["alone", DEV_ONLY_SESSION_PASSWORD],
    ["in a rotation map", JSON.stringify({ 1: DEV_ONLY_SESSION_PASSWORD, 2: "n".repeat(40) })],
  ])("refuses the public dev-only password %s in production, without echoing it", (_case, password) => {
    const problems = problemsOf({ ...production, SESSION_PASSWORD: password });
    expect(problems).toEqual([
      expect.stringMatching(/^SESSION_PASSWORD is \.env\.development's public password, refused in production/),
    ]);
    expect(problems.join("\n")).not.toContain(DEV_ONLY_SESSION_PASSWORD);
  });

  it.each(["BOLT_SIGNING_SECRET", "BOLT_SIGNING_SECRET_NEXT"])(
    "refuses the emulator's public signing secret as %s in production, without echoing it",
    (name) => {
      const problems = problemsOf({ ...production, [name]: DEV_ONLY_SIGNING_SECRET });
      expect(problems).toEqual([
        expect.stringMatching(
          new RegExp(`^${name} is the emulator's public development secret, refused in production`),
        ),
      ]);
      expect(problems.join("\n")).not.toContain(DEV_ONLY_SIGNING_SECRET);
    },
  );
});

describe("parseEnv: Bolt's webhooks and the capture policy", () => {
  it("reads the signing secret, the next one during a rotation, and the capture policy", () => {
    const env = parseEnv({
      ...production,
      BOLT_SIGNING_SECRET_NEXT: "next-signing-secret-abcdef",
      BOLT_CAPTURE: "manual",
    });
    expect(env).toMatchObject({
      signingSecret: production.BOLT_SIGNING_SECRET,
      signingSecretNext: "next-signing-secret-abcdef",
      captureMode: "manual",
      boltPaymentTimeoutMs: 30_000,
    });
  });

  it("captures at once unless told otherwise, and needs no signing secret outside production", () => {
    expect(parseEnv({ ...development, BOLT_SIGNING_SECRET: undefined })).toMatchObject({
      captureMode: "auto",
      signingSecret: undefined,
      signingSecretNext: undefined,
    });
  });

  it.each([
    ["BOLT_CAPTURE", "later", /^BOLT_CAPTURE must be auto \(Bolt captures at once\) or manual/],
    ["BOLT_SIGNING_SECRET", "short", /^BOLT_SIGNING_SECRET must be the webhook signing secret/],
    ["BOLT_SIGNING_SECRET_NEXT", "has spaces in it, sixteen+", /^BOLT_SIGNING_SECRET_NEXT must be printable/],
  ])("refuses %s=%s, saying what it wants", (name, value, message) => {
    expect(problemsOf({ ...production, [name]: value })).toEqual([expect.stringMatching(message)]);
  });

  it("gives payments-class calls their own budget through STOREFRONT_TUNING", () => {
    const env = parseEnv({ ...production, STOREFRONT_TUNING: JSON.stringify({ boltPaymentTimeoutMs: 45_000 }) });
    expect(env).toMatchObject({ boltPaymentTimeoutMs: 45_000, boltTimeoutMs: 5000 });
  });
});

describe("parseEnv: the order desk's password", () => {
  it("keeps the hash as given, and needs none outside production (the desk then refuses every sign-in)", () => {
    expect(parseEnv(production).adminPasswordHash).toBe(ADMIN_PASSWORD_HASH);
    expect(parseEnv({ ...development, ADMIN_PASSWORD_HASH: undefined }).adminPasswordHash).toBeUndefined();
  });

  it("requires it in production", () => {
    expect(problemsOf({ ...production, ADMIN_PASSWORD_HASH: undefined })).toEqual([
      expect.stringMatching(/^ADMIN_PASSWORD_HASH is missing: production needs it set/),
    ]);
  });

  it("refuses development's demo hash in production, and accepts it in development", () => {
    expect(problemsOf({ ...production, ADMIN_PASSWORD_HASH: DEV_ONLY_ADMIN_PASSWORD_HASH })).toEqual([
      expect.stringMatching(/^ADMIN_PASSWORD_HASH is \.env\.development's demo password, refused in production/),
    ]);
    expect(parseEnv({ ...development, ADMIN_PASSWORD_HASH: DEV_ONLY_ADMIN_PASSWORD_HASH }).adminPasswordHash).toBe(
      DEV_ONLY_ADMIN_PASSWORD_HASH,
    );
  });

  it.each([
    ["a password instead of its hash", "correct-horse-battery-staple"],
    ["a hash of too low a cost", ADMIN_PASSWORD_HASH.replace(":32768:", ":1024:")],
    ["a cut-off hash", ADMIN_PASSWORD_HASH.slice(0, -20)],
  ])("refuses %s, without echoing it", (_case, value) => {
    const problems = problemsOf({ ...development, ADMIN_PASSWORD_HASH: value });
    expect(problems).toEqual([expect.stringMatching(/^ADMIN_PASSWORD_HASH must be the hash `npm run admin:password`/)]);
    expect(problems.join("\n")).not.toContain(value);
  });
});

describe("the committed development and test settings", () => {
  it.each([".env.development", ".env.test"])("%s holds the emulator's sandbox credentials", (file) => {
    expect(committed(file)).toMatchObject({
      BOLT_PUBLISHABLE_KEY: SANDBOX_CREDENTIALS.publishableKey,
      BOLT_API_KEY: SANDBOX_CREDENTIALS.apiKey,
      BOLT_DIVISION_ID: SANDBOX_CREDENTIALS.divisionId,
    });
  });

  it("gives development the public dev-only password, and the tests a rotation", () => {
    expect(committed(".env.development").SESSION_PASSWORD).toBe(DEV_ONLY_SESSION_PASSWORD);
    const env = parseEnv({ ...committed(".env.test"), NODE_ENV: "test" });
    expect(Object.keys(env.sessionPasswords)).toEqual(["1", "2"]);
    expect(env.boltApiUrl).toBe("http://localhost:4110");
  });

  it("gives development the README's demo desk password, and the tests one production accepts", async () => {
    expect(committed(".env.development").ADMIN_PASSWORD_HASH).toBe(DEV_ONLY_ADMIN_PASSWORD_HASH);
    expect(await verifyPassword("admin-demo-password", DEV_ONLY_ADMIN_PASSWORD_HASH)).toBe(true);
    const test = committed(".env.test").ADMIN_PASSWORD_HASH!;
    expect(parseEnv({ ...production, ADMIN_PASSWORD_HASH: test }).adminPasswordHash).toBe(test);
  });

  it("gives development the emulator's signing secret, and the tests one production accepts", () => {
    expect(DEV_ONLY_SIGNING_SECRET).toBe(SANDBOX_SIGNING_SECRET);
    expect(committed(".env.development").BOLT_SIGNING_SECRET).toBe(SANDBOX_SIGNING_SECRET);
    const test = committed(".env.test");
    expect(parseEnv({ ...production, BOLT_SIGNING_SECRET: test.BOLT_SIGNING_SECRET }).signingSecret).toBe(
      test.BOLT_SIGNING_SECRET,
    );
  });
});

describe("getPublicBoltConfig", () => {
  it("hands the browser the connect origin and publishable key, nothing else", async () => {
    const { getPublicBoltConfig } = await import("./env");
    expect(getPublicBoltConfig()).toEqual({ connectUrl: expect.any(String), publishableKey: expect.any(String) });
  });
});
