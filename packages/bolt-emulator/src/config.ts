import * as z from "zod";
import { FaultRuleSchema, type FaultRule } from "./admin/fault-rule";
import { EmulatorConfigError } from "./http/errors";
import { SANDBOX_CREDENTIALS, SANDBOX_OTP, SANDBOX_SIGNING_SECRET } from "./sandbox";

/**
 * `spec`: answers as Bolt's v1 OpenAPI document describes. `sandbox`: answers as Bolt's real sandbox
 * was recorded answering, and behaves as Bolt's own integrations show real Bolt behaving, where they
 * differ (`profile.ts` lists each difference; the README, "Profiles", their sources).
 */
export const PROFILES = ["spec", "sandbox"] as const;
export type Profile = (typeof PROFILES)[number];

export type EmulatorSettings = {
  profile: Profile;
  port: number;
  /**
   * The sandbox profile's second origin, for Bolt's account pieces (the login modal, its images).
   * Undefined = the emulator's port + 1, or a free port when that is 0. The spec profile opens none.
   */
  assetsPort: number | undefined;
  /** Where clients reach the emulator: the `iss` and the base of discovery URLs. Undefined = `http://localhost:<port>`. */
  publicUrl: string | undefined;
  publishableKey: string;
  apiKey: string;
  divisionId: string;
  otp: string;
  codeTtlSeconds: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  /** Origins allowed to frame the login modal, on top of any localhost / 127.0.0.1 origin. */
  allowedOrigins: string[];
  faults: FaultRule[];
  /** The key webhooks are signed with (`X-Bolt-Hmac-Sha256`). */
  signingSecret: string;
  /** Webhooks registered for every event at start (and after a reset). */
  webhookUrls: string[];
  /** The wait before a failed delivery's second attempt; it doubles after each further failure. */
  webhookRetryMs: number;
  webhookTimeoutMs: number;
};

// An empty variable counts as unset, as in most .env tooling.
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const wholeNumber = (error: string, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number({ error }).int({ error }).min(0, { error }).max(max, { error });

const seconds = (fallback: number) =>
  optional(wholeNumber("must be a whole number of seconds")).transform((value) => value ?? fallback);

const commaList = (schema: z.ZodType<string, string>) =>
  optional(z.string())
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(schema));

const milliseconds = (fallback: number) =>
  optional(wholeNumber("must be a whole number of milliseconds").min(1, { error: "must be at least 1" })).transform(
    (value) => value ?? fallback,
  );

const origin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}, "must be an origin like https://shop.example.com (scheme, host and optional port, no path)");

const EnvSchema = z.object({
  BOLT_EMULATOR_PROFILE: optional(z.enum(PROFILES, { error: 'must be "spec" or "sandbox"' })).transform(
    (value) => value ?? "spec",
  ),
  BOLT_EMULATOR_PORT: optional(wholeNumber("must be a port number from 0 to 65535", 65535)).transform(
    (value) => value ?? 4010,
  ),
  BOLT_EMULATOR_ASSETS_PORT: optional(wholeNumber("must be a port number from 0 to 65535", 65535)),
  BOLT_EMULATOR_PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) => value?.replace(/\/+$/, "")),
  BOLT_EMULATOR_PUBLISHABLE_KEY: optional(
    z.string().regex(/^[^.\s]+\.[^.\s]+\.[^.\s]+$/, "must have three sections separated by dots"),
  ).transform((value) => value ?? SANDBOX_CREDENTIALS.publishableKey),
  BOLT_EMULATOR_API_KEY: optional(z.string().min(8)).transform((value) => value ?? SANDBOX_CREDENTIALS.apiKey),
  BOLT_EMULATOR_DIVISION_ID: optional(z.string().min(1)).transform((value) => value ?? SANDBOX_CREDENTIALS.divisionId),
  BOLT_EMULATOR_OTP: optional(z.string().regex(/^\d{6}$/, "must be exactly 6 digits")).transform(
    (value) => value ?? SANDBOX_OTP,
  ),
  BOLT_EMULATOR_CODE_TTL_SECONDS: seconds(300),
  BOLT_EMULATOR_ACCESS_TOKEN_TTL_SECONDS: seconds(3600),
  BOLT_EMULATOR_REFRESH_TOKEN_TTL_SECONDS: seconds(31_536_000),
  BOLT_EMULATOR_ID_TOKEN_TTL_SECONDS: seconds(3600),
  BOLT_EMULATOR_ALLOWED_ORIGINS: commaList(origin),
  BOLT_EMULATOR_FAULTS: optional(z.string())
    .transform((value, ctx) => {
      if (value === undefined) return [];
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON array of fault rules" });
        return z.NEVER;
      }
    })
    .pipe(z.array(FaultRuleSchema, { error: "must be a JSON array of fault rules" })),
  BOLT_EMULATOR_SIGNING_SECRET: optional(z.string().min(16, { error: "must be at least 16 characters" })).transform(
    (value) => value ?? SANDBOX_SIGNING_SECRET,
  ),
  BOLT_EMULATOR_WEBHOOK_URLS: commaList(
    z.url({ protocol: /^https?$/, error: "must be a comma-separated list of http(s) URLs" }),
  ),
  BOLT_EMULATOR_WEBHOOK_RETRY_MS: milliseconds(2000),
  BOLT_EMULATOR_WEBHOOK_TIMEOUT_MS: milliseconds(5000),
});

export type EmulatorEnv = Record<string, string | undefined>;

/** Reads the emulator's settings from environment variables, naming every bad variable in one readable error. */
export function settingsFromEnv(env: EmulatorEnv): EmulatorSettings {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const rest = issue.path.slice(1).join(".");
      return `  ${name}${rest ? ` (${rest})` : ""}: ${issue.message} (got ${JSON.stringify(env[name])})`;
    });
    throw new EmulatorConfigError(`Invalid Bolt emulator environment:\n${lines.join("\n")}`);
  }
  const value = result.data;
  return {
    profile: value.BOLT_EMULATOR_PROFILE,
    port: value.BOLT_EMULATOR_PORT,
    assetsPort: value.BOLT_EMULATOR_ASSETS_PORT,
    publicUrl: value.BOLT_EMULATOR_PUBLIC_URL,
    publishableKey: value.BOLT_EMULATOR_PUBLISHABLE_KEY,
    apiKey: value.BOLT_EMULATOR_API_KEY,
    divisionId: value.BOLT_EMULATOR_DIVISION_ID,
    otp: value.BOLT_EMULATOR_OTP,
    codeTtlSeconds: value.BOLT_EMULATOR_CODE_TTL_SECONDS,
    accessTokenTtlSeconds: value.BOLT_EMULATOR_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: value.BOLT_EMULATOR_REFRESH_TOKEN_TTL_SECONDS,
    idTokenTtlSeconds: value.BOLT_EMULATOR_ID_TOKEN_TTL_SECONDS,
    allowedOrigins: value.BOLT_EMULATOR_ALLOWED_ORIGINS,
    faults: value.BOLT_EMULATOR_FAULTS,
    signingSecret: value.BOLT_EMULATOR_SIGNING_SECRET,
    webhookUrls: value.BOLT_EMULATOR_WEBHOOK_URLS,
    webhookRetryMs: value.BOLT_EMULATOR_WEBHOOK_RETRY_MS,
    webhookTimeoutMs: value.BOLT_EMULATOR_WEBHOOK_TIMEOUT_MS,
  };
}

/** The id_token audience: Bolt's own cartridge checks `aud` against the last section of the publishable key. */
export function audienceOf(publishableKey: string): string {
  return publishableKey.split(".").at(-1) ?? publishableKey;
}
