import "server-only";
import * as z from "zod";
import { AdminPasswordHash } from "@/lib/admin/password";
import { defaultAccountOrigin } from "@/lib/bolt/hosts";
import { TuningJson, type RateLimits } from "@/lib/config";
import { LogLevel } from "@/lib/log/level";

export type { RateLimit, RateLimits } from "@/lib/config";

export type Env = {
  boltApiUrl: string;
  boltConnectUrl: string;
  /** Bolt's account host (login modal, login status, images): BOLT_ACCOUNT_URL, else derived from the connect URL. */
  boltAccountUrl: string;
  /** Issuers accepted on an id_token besides discovery's and Bolt's own (BOLT_EXTRA_ISSUERS). */
  extraIssuers: string[];
  publishableKey: string;
  apiKey: string;
  divisionId: string;
  /** Password id → password. The highest id seals; every id unseals. */
  sessionPasswords: Record<string, string>;
  /** The exact origin the `Origin` check compares against; undefined = the request's own origin. */
  appOrigin: string | undefined;
  boltTimeoutMs: number;
  boltPaymentTimeoutMs: number;
  /** Verifies Bolt's webhooks; undefined outside production when unset (every webhook is then refused). */
  signingSecret: string | undefined;
  /** The incoming secret during a rotation: a webhook signed with either is accepted. */
  signingSecretNext: string | undefined;
  /** `auto`: Bolt captures at authorization; `manual`: the merchant captures (when the order ships). */
  captureMode: "auto" | "manual";
  /** The order desk's password as a scrypt hash (`npm run admin:password`); undefined: the desk refuses every sign-in. */
  adminPasswordHash: string | undefined;
  sessionCookieInsecure: boolean;
  sessionMaxAgeMs: number;
  sessionIdleMs: number;
  /** Shared state for several instances; undefined = this process's memory (one instance). */
  redisUrl: string | undefined;
  /** The order ledger on a Postgres server; undefined = the embedded database (PGlite) in `pgliteDataDir`. */
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  redisTimeoutMs: number;
  reconcileIntervalMs: number;
  firstCheckDelayMs: number;
  /** Lower-case name of the header the deployment's proxy sets to the client's IP; undefined = none trusted. */
  trustedIpHeader: string | undefined;
  rateLimits: RateLimits;
  isDevelopment: boolean;
};

export type PublicBoltConfig = { connectUrl: string; publishableKey: string };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment (see .env.example):\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Public in `.env.development`: anyone could forge a session with it, so production refuses it. */
export const DEV_ONLY_SESSION_PASSWORD = "dev-only-insecure-session-password-never-use-in-production";

const MIN_PASSWORD = 32;

/** The README's demo password, `admin-demo-password`: anyone could open the desk, so production refuses it. */
export const DEV_ONLY_ADMIN_PASSWORD_HASH =
  "scrypt:16384:8:1:10sfpADHW8VUkX97bYF9sQ:daq02rIOl5xxwNqj4lkGfQ1vq7Dva7ajHEvaTCBZdy0";

/** The emulator's published signing secret: anyone could forge webhooks with it, so production refuses it. */
export const DEV_ONLY_SIGNING_SECRET = "emu_signing_secret_dev_0123456789abcdef";

/** Any other `NODE_ENV`, unset included, gets production's rules: no weak cookies, no secrets over http. */
const RELAXED_NODE_ENVS = new Set(["development", "test"]);

/** Plain http to loopback (tests, the bench, a local preview of production) travels nowhere. */
function isLoopback(origin: string): boolean {
  const host = new URL(origin).hostname;
  return host === "localhost" || host === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

type Source = Record<string, string | undefined>;

const originOf = (hint: string) =>
  z.string().transform((value, ctx) => {
    try {
      const url = new URL(value);
      if ((url.protocol === "http:" || url.protocol === "https:") && url.pathname === "/" && !url.search && !url.hash) {
        return url.origin;
      }
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: `must be an http(s) origin without a path, like ${hint}` });
    return z.NEVER;
  });

const PasswordMap = z
  .record(
    z.string(),
    z.string().min(MIN_PASSWORD, { error: `each password must be at least ${MIN_PASSWORD} characters` }),
  )
  .refine((map) => Object.keys(map).length > 0, { error: "the map must not be empty" })
  .refine((map) => Object.keys(map).every((id) => /^\d+$/.test(id)), { error: "ids must be whole numbers" });

const SessionPassword = z.string().transform((value, ctx) => {
  if (!value.trimStart().startsWith("{")) {
    if (value.length >= MIN_PASSWORD) return { 1: value };
    ctx.addIssue({
      code: "custom",
      message: `must be at least ${MIN_PASSWORD} characters (try: openssl rand -base64 32)`,
    });
    return z.NEVER;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: "custom", message: 'looks like JSON but does not parse; use {"1":"old…","2":"new…"}' });
    return z.NEVER;
  }
  const map = PasswordMap.safeParse(parsed);
  if (map.success) return map.data;
  ctx.addIssue({
    code: "custom",
    message: `JSON password map is invalid: ${map.error.issues.map((issue) => issue.message).join("; ")}`,
  });
  return z.NEVER;
});

const RedisUrl = z.string().refine(
  (value) => {
    try {
      return ["redis:", "rediss:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  },
  { error: "must be a redis:// or rediss:// URL, like redis://localhost:6379" },
);

const SigningSecret = z
  .string()
  .min(16, {
    error: "must be the webhook signing secret from Bolt's Merchant Dashboard (Developers → API), 16+ characters",
  })
  .regex(/^[\x21-\x7E]+$/, { error: "must be printable characters without spaces, as Bolt shows it" });

const DatabaseUrl = z.string().regex(/^postgres(ql)?:\/\/./, {
  error: "must be a postgres:// URL, like postgres://user:password@db.internal:5432/shop",
});

const IssuerList = z.string().transform((value, ctx) => {
  const issuers = value
    .split(",")
    .map((issuer) => issuer.trim())
    .filter(Boolean);
  for (const issuer of issuers) {
    if (!URL.canParse(issuer) || !/^https?:$/.test(new URL(issuer).protocol)) {
      ctx.addIssue({ code: "custom", message: `must be comma-separated http(s) URLs; "${issuer}" is not one` });
      return z.NEVER;
    }
  }
  return issuers;
});

const Schema = z.object({
  BOLT_API_URL: originOf("https://api-sandbox.bolt.com"),
  BOLT_CONNECT_URL: originOf("https://connect-sandbox.bolt.com"),
  BOLT_ACCOUNT_URL: originOf("https://account-sandbox.bolt.com").optional(),
  BOLT_EXTRA_ISSUERS: IssuerList.optional(),
  BOLT_PUBLISHABLE_KEY: z.string().regex(/^[^.\s]+\.[^.\s]+\.[^.\s]+$/, {
    error: "must be Bolt's publishable key: three sections separated by dots (Merchant Dashboard → Developers → API)",
  }),
  BOLT_API_KEY: z.string().min(8, { error: "must be Bolt's API key (Merchant Dashboard → Developers → API)" }),
  BOLT_DIVISION_ID: z.string().min(1, { error: "must be the division's public id (Merchant Dashboard)" }),
  SESSION_PASSWORD: SessionPassword,
  APP_ORIGIN: originOf("https://shop.example.com").optional(),
  REDIS_URL: RedisUrl.optional(),
  DATABASE_URL: DatabaseUrl.optional(),
  PGLITE_DATA_DIR: z.string().default(".data/pglite"),
  TRUSTED_IP_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, { error: "must be a header name, like x-real-ip, or none" })
    .transform((name) => (name.toLowerCase() === "none" ? undefined : name.toLowerCase()))
    .optional(),
  BOLT_SIGNING_SECRET: SigningSecret.optional(),
  BOLT_SIGNING_SECRET_NEXT: SigningSecret.optional(),
  BOLT_CAPTURE: z.enum(["auto", "manual"], { error: "must be auto (Bolt captures at once) or manual" }).default("auto"),
  ADMIN_PASSWORD_HASH: AdminPasswordHash.optional(),
  STOREFRONT_TUNING: TuningJson,
  // Read by the logger and the span exporter themselves; checked here so a typo stops the start.
  LOG_LEVEL: LogLevel.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL, like http://otel-collector:4318" })
    .optional(),
});

/** Variables of earlier versions, now keys of `STOREFRONT_TUNING`: refused, so none is silently ignored. */
const MOVED_TO_TUNING = {
  BOLT_TIMEOUT_MS: "boltTimeoutMs",
  REDIS_TIMEOUT_MS: "redisTimeoutMs",
  SESSION_MAX_AGE_HOURS: "sessionMaxAgeHours",
  SESSION_IDLE_MINUTES: "sessionIdleMinutes",
  SESSION_COOKIE_INSECURE: "sessionCookieInsecure",
  RATE_LIMIT_SIGN_IN_PER_IP: "rateLimits.signInPerIp",
  RATE_LIMIT_TOKEN_EXCHANGES: "rateLimits.tokenExchanges",
  RATE_LIMIT_PLACE_ORDER_PER_SESSION: "rateLimits.placeOrderPerSession",
  RATE_LIMIT_CSP_REPORTS_PER_IP: "rateLimits.cspReportsPerIp",
  RATE_LIMIT_CSP_REPORTS: "rateLimits.cspReports",
  RATE_LIMIT_GUEST_PAYMENTS_PER_IP: "rateLimits.guestPaymentsPerIp",
  RATE_LIMIT_GUEST_PAYMENTS: "rateLimits.guestPayments",
} as const;

function movedProblems(given: Source): string[] {
  return Object.entries(MOVED_TO_TUNING)
    .filter(([name]) => given[name] !== undefined)
    .map(
      ([name, key]) => `${name} is no longer read: set the key ${key} in STOREFRONT_TUNING instead (see lib/config.ts)`,
    );
}

const REQUIRED = [
  "BOLT_API_URL",
  "BOLT_CONNECT_URL",
  "BOLT_PUBLISHABLE_KEY",
  "BOLT_API_KEY",
  "BOLT_DIVISION_ID",
  "SESSION_PASSWORD",
] as const;

/**
 * APP_ORIGIN anchors the `Origin` check and the `__Host-` cookies; without TRUSTED_IP_HEADER no
 * per-client limit holds and anyone can spend the budgets all clients share.
 */
const REQUIRED_IN_PRODUCTION = [
  ...REQUIRED,
  "APP_ORIGIN",
  "TRUSTED_IP_HEADER",
  "BOLT_SIGNING_SECRET",
  "ADMIN_PASSWORD_HASH",
] as const;

const PRODUCTION_HINTS: Record<string, string> = {
  TRUSTED_IP_HEADER:
    "name the header your proxy sets to the client's IP (x-real-ip, cf-connecting-ip, …), or none when the store is exposed directly, without per-client limits",
};

/** Refused even when well-formed; reads the raw values so these are reported with any malformed ones. */
function productionProblems(given: Source): string[] {
  const problems: string[] = [];
  const origins = [
    ["APP_ORIGIN", "the storefront's public https origin, e.g. https://shop.example.com"],
    ["BOLT_API_URL", "https://api.bolt.com (or https://api-sandbox.bolt.com); the API key travels there"],
    ["BOLT_CONNECT_URL", "https://connect.bolt.com (or https://connect-sandbox.bolt.com)"],
    ["BOLT_ACCOUNT_URL", "https://account.bolt.com (or https://account-sandbox.bolt.com), or leave it unset"],
  ] as const;
  for (const [name, fix] of origins) {
    if (isPlainHttpElsewhere(given[name])) {
      problems.push(
        `${name} must be https in production (plain http only on localhost, 127.0.0.1 or [::1]): use ${fix}`,
      );
    }
  }
  if (given.SESSION_PASSWORD?.includes(DEV_ONLY_SESSION_PASSWORD)) {
    problems.push(
      "SESSION_PASSWORD is .env.development's public password, refused in production: anyone could forge a session; set 32+ random characters (openssl rand -base64 32)",
    );
  }
  for (const name of ["BOLT_SIGNING_SECRET", "BOLT_SIGNING_SECRET_NEXT"]) {
    if (given[name] === DEV_ONLY_SIGNING_SECRET) {
      problems.push(
        `${name} is the emulator's public development secret, refused in production: anyone could forge Bolt's webhooks; set the signing secret from Bolt's Merchant Dashboard (Developers → API)`,
      );
    }
  }
  if (given.REDIS_URL !== undefined && given.DATABASE_URL === undefined) {
    problems.push(
      "DATABASE_URL is required when REDIS_URL is set: several instances need one shared Postgres, and the embedded database serves one process only",
    );
  }
  if (given.ADMIN_PASSWORD_HASH?.trim() === DEV_ONLY_ADMIN_PASSWORD_HASH) {
    problems.push(
      "ADMIN_PASSWORD_HASH is .env.development's demo password, refused in production: anyone could open the order desk; set the hash of your own with npm run admin:password",
    );
  }
  if (given.VERCEL === "1" && (given.DATABASE_URL === undefined || given.REDIS_URL === undefined)) {
    problems.push(
      "DATABASE_URL and REDIS_URL are required on Vercel: its functions run as many instances with no lasting disk, where the embedded database and in-memory state cannot work (docs/operations.md, Deploying to Vercel)",
    );
  }
  if (TuningJson.safeParse(given.STOREFRONT_TUNING).data?.sessionCookieInsecure) {
    problems.push(
      "STOREFRONT_TUNING.sessionCookieInsecure is refused in production: cookies without Secure would travel over plain http; remove it and serve the store over https",
    );
  }
  return problems;
}

/** Anything unparsable is the schema's to report. */
function isPlainHttpElsewhere(value: string | undefined): boolean {
  try {
    return value !== undefined && new URL(value).protocol === "http:" && !isLoopback(value);
  } catch {
    return false;
  }
}

export function isProductionNodeEnv(nodeEnv: string | undefined): boolean {
  return !RELAXED_NODE_ENVS.has(nodeEnv ?? "");
}

/** Empty strings count as unset, as in most `.env` tooling. */
export function parseEnv(source: Source): Env {
  const isProduction = isProductionNodeEnv(source.NODE_ENV);
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const required: readonly string[] = isProduction ? REQUIRED_IN_PRODUCTION : REQUIRED;
  const missing = required.filter((name) => given[name] === undefined);
  const result = Schema.safeParse(given);
  const problems = missing.map(
    (name) =>
      `${name} is missing: ${missingHint(source.NODE_ENV)}${PRODUCTION_HINTS[name] ? `: ${PRODUCTION_HINTS[name]}` : ""} (see .env.example)`,
  );
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (!missing.includes(String(issue.path[0]))) problems.push(`${issue.path.join(".")} ${issue.message}`);
    }
  }
  problems.push(...movedProblems(given));
  if (isProduction) problems.push(...productionProblems(given));
  if (problems.length > 0 || !result.success) throw new EnvError(problems);
  const value = result.data;
  const tuning = value.STOREFRONT_TUNING;
  return {
    boltApiUrl: value.BOLT_API_URL,
    boltConnectUrl: value.BOLT_CONNECT_URL,
    boltAccountUrl: value.BOLT_ACCOUNT_URL ?? defaultAccountOrigin(value.BOLT_CONNECT_URL),
    extraIssuers: value.BOLT_EXTRA_ISSUERS ?? [],
    publishableKey: value.BOLT_PUBLISHABLE_KEY,
    apiKey: value.BOLT_API_KEY,
    divisionId: value.BOLT_DIVISION_ID,
    sessionPasswords: value.SESSION_PASSWORD,
    appOrigin: value.APP_ORIGIN,
    boltTimeoutMs: tuning.boltTimeoutMs,
    boltPaymentTimeoutMs: tuning.boltPaymentTimeoutMs,
    signingSecret: value.BOLT_SIGNING_SECRET,
    signingSecretNext: value.BOLT_SIGNING_SECRET_NEXT,
    captureMode: value.BOLT_CAPTURE,
    adminPasswordHash: value.ADMIN_PASSWORD_HASH,
    sessionCookieInsecure: tuning.sessionCookieInsecure,
    sessionMaxAgeMs: tuning.sessionMaxAgeHours * 60 * 60 * 1000,
    sessionIdleMs: tuning.sessionIdleMinutes * 60 * 1000,
    redisUrl: value.REDIS_URL,
    databaseUrl: value.DATABASE_URL,
    pgliteDataDir: value.PGLITE_DATA_DIR,
    redisTimeoutMs: tuning.redisTimeoutMs,
    reconcileIntervalMs: tuning.reconcileIntervalMs,
    firstCheckDelayMs: tuning.firstCheckDelayMs,
    trustedIpHeader: value.TRUSTED_IP_HEADER,
    rateLimits: tuning.rateLimits,
    isDevelopment: source.NODE_ENV === "development",
  };
}

function missingHint(nodeEnv: string | undefined): string {
  if (nodeEnv === "production") return "production needs it set";
  if (nodeEnv === "development") return "development reads it from .env.development, unless .env.local empties it";
  if (nodeEnv === "test") return "tests read it from .env.test";
  return `production needs it set, and NODE_ENV=${nodeEnv || "(unset)"} is production here: only development and test read .env.development and .env.test`;
}

let memo: Env | undefined;

/** Read on first use, not at import, so `next build` works without secrets: call it from dynamic code only. */
export function getEnv(): Env {
  memo ??= parseEnv(process.env);
  return memo;
}

/** The only configuration safe to hand to the browser. */
export function getPublicBoltConfig(): PublicBoltConfig {
  const { boltConnectUrl, publishableKey } = getEnv();
  return { connectUrl: boltConnectUrl, publishableKey };
}
