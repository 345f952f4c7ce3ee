import * as z from "zod";

/**
 * Tuning knobs with their defaults, overridden by the JSON in `STOREFRONT_TUNING`. An unknown key or a
 * bad value stops the start, so a typo is never silently ignored. docs/operations.md mirrors this list.
 */

/** Counted across every instance. */
export type RateLimit = { max: number; windowMs: number };

const EXAMPLE = `{"boltTimeoutMs":2000,"rateLimits":{"cspReports":"200/1m"}}`;

const UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `30/1m`: at most 30 per minute. */
const rateLimit = (fallback: string) =>
  z
    .string({ error: `must be a count per window in quotes, like "${fallback}"` })
    .transform((value, ctx): RateLimit => {
      const match = /^(\d{1,7})\/(\d{1,5})([smh])$/.exec(value.trim());
      const windowMs = match ? Number(match[2]) * UNITS_MS[match[3] as keyof typeof UNITS_MS] : 0;
      if (match && Number(match[1]) >= 1 && windowMs >= 1000 && windowMs <= 24 * UNITS_MS.h) {
        return { max: Number(match[1]), windowMs };
      }
      ctx.addIssue({
        code: "custom",
        message: `must be a count per window, like "${fallback}" (units s, m or h; up to 24h)`,
      });
      return z.NEVER;
    })
    .prefault(fallback);

const wholeNumber = (fallback: number, max: number, unit: string) => {
  const error = `must be a whole number of ${unit} between 1 and ${max}`;
  return z.number({ error }).int({ error }).min(1, { error }).max(max, { error }).default(fallback);
};

const knobsOnly = (issue: z.core.$ZodRawIssue) => {
  if (issue.code === "unrecognized_keys") {
    return `has no key ${issue.keys.map((key) => `"${key}"`).join(", ")} (lib/config.ts lists every key)`;
  }
  if (issue.code === "invalid_type") return `must be a JSON object, like ${EXAMPLE}`;
  return undefined;
};

/**
 * Defaults leave room for shoppers, tests and the bench, all from 127.0.0.1. Per-IP limits need
 * `TRUSTED_IP_HEADER`: without it any client could forge its IP, so none applies.
 */
const RateLimits = z
  .strictObject(
    {
      /** Sign-in attempts per client IP (IPv6: per /56). */
      signInPerIp: rateLimit("30/1m"),
      /** Code exchanges, all clients: random codes must not make the store hammer Bolt with its secret. */
      tokenExchanges: rateLimit("1200/1m"),
      /** "Place order" attempts per Bolt account, however many sessions it opens. */
      placeOrderPerSession: rateLimit("20/10m"),
      /** CSP reports per client IP: anyone can send them. */
      cspReportsPerIp: rateLimit("60/1m"),
      /** CSP reports, all clients: what the log may receive. */
      cspReports: rateLimit("1200/1m"),
      /** Guest card payments per client IP, so nobody tests stolen cards here. */
      guestPaymentsPerIp: rateLimit("10/10m"),
      /** Guest card payments, all clients. */
      guestPayments: rateLimit("120/1m"),
      /** Order desk sign-ins per client IP, right or wrong. */
      adminSignInPerIp: rateLimit("10/15m"),
      /** Order desk sign-ins, all clients: bounds password guessing, but locks merchants out too. */
      adminSignIns: rateLimit("50/15m"),
    },
    { error: knobsOnly },
  )
  .prefault({});

export type RateLimits = z.output<typeof RateLimits>;

export const Tuning = z.strictObject(
  {
    /** One Bolt call, retries included, in ms. */
    boltTimeoutMs: wholeNumber(5000, 60_000, "milliseconds"),
    /** One payment call, in ms: card processors are slow (Bolt's Salesforce cartridge went from 3 to 30 s). */
    boltPaymentTimeoutMs: wholeNumber(30_000, 120_000, "milliseconds"),
    /** One Redis call before the storefront falls back without it, in ms. */
    redisTimeoutMs: wholeNumber(250, 5000, "milliseconds"),
    /** Absolute session lifetime, in hours, however active. */
    sessionMaxAgeHours: wholeNumber(12, 24 * 30, "hours"),
    /** Idle time that ends a session, in minutes; the cookie records use at most once a minute. */
    sessionIdleMinutes: wholeNumber(30, 24 * 60, "minutes"),
    /** Drops `Secure` for a plain-http LAN demo; localhost doesn't need it. Refused in production. */
    sessionCookieInsecure: z.boolean({ error: "must be true (drop Secure) or false" }).default(false),
    /** The reconciler's round, in ms, give or take half so instances spread out. */
    reconcileIntervalMs: wholeNumber(20_000, 60 * 60_000, "milliseconds"),
    /** First look at an order whose answer was never written (its instance died), in ms. */
    firstCheckDelayMs: wholeNumber(120_000, 24 * 60 * 60_000, "milliseconds"),
    rateLimits: RateLimits,
  },
  { error: knobsOnly },
);

export type Tuning = z.output<typeof Tuning>;

/** Unset: every default. */
export const TuningJson = z
  .string()
  .optional()
  .transform((text, ctx): unknown => {
    if (text === undefined) return {};
    try {
      return JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: `must be JSON, like ${EXAMPLE}` });
      return z.NEVER;
    }
  })
  .pipe(Tuning);
