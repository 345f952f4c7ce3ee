import * as z from "zod";

/**
 * The storefront's tuning knobs, each with its documented default. None needs setting: one optional
 * JSON variable, `STOREFRONT_TUNING`, overrides any of them, e.g.
 *
 *   STOREFRONT_TUNING='{"boltTimeoutMs":2000,"rateLimits":{"cspReports":"200/1m"}}'
 *
 * Keys left out keep their defaults. An unknown key or a bad value stops the server at start-up,
 * naming it (`lib/env.ts` reads the variable).
 */

/** At most `max` events per `windowMs`, counted across every instance. */
export type RateLimit = { max: number; windowMs: number };

const EXAMPLE = `{"boltTimeoutMs":2000,"rateLimits":{"cspReports":"200/1m"}}`;

const UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `30/1m`: at most 30 per minute. Units s, m, h; windows from 1 s to 24 h. */
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

/** Names the key nobody reads, so a typo is not silently ignored. */
const knobsOnly = (issue: z.core.$ZodRawIssue) => {
  if (issue.code === "unrecognized_keys") {
    return `has no key ${issue.keys.map((key) => `"${key}"`).join(", ")} (lib/config.ts lists every key)`;
  }
  if (issue.code === "invalid_type") return `must be a JSON object, like ${EXAMPLE}`;
  return undefined;
};

/**
 * Rate limits: each `count/window`, window in s, m or h (at most 24h), counted across every
 * instance. Past a limit the answer is 429 JSON with Retry-After. The defaults leave room for real
 * shoppers, the tests and the bench (which all come from 127.0.0.1). The per-client ones need
 * `TRUSTED_IP_HEADER`: without it no per-client limit applies, as any client could forge its IP.
 */
const RateLimits = z
  .strictObject(
    {
      /** Sign-in attempts per client IP (IPv6: per /56). */
      signInPerIp: rateLimit("30/1m"),
      /**
       * Code exchanges at Bolt's token endpoint, all clients together, so random codes can't make the
       * store hammer Bolt with its secret. Size it above your peak sign-ins.
       */
      tokenExchanges: rateLimit("1200/1m"),
      /**
       * "Place order" attempts per signed-in shopper (their Bolt account, however many sessions they open;
       * the name is older than that).
       */
      placeOrderPerSession: rateLimit("20/10m"),
      /** CSP violation reports (POST /api/csp-report), which anyone can send, per client IP. */
      cspReportsPerIp: rateLimit("60/1m"),
      /** CSP violation reports, all clients together: what the log may receive. Past it, reports get 429. */
      cspReports: rateLimit("1200/1m"),
      /** Guest card payments per client IP, so the checkout can't be used to test stolen cards. */
      guestPaymentsPerIp: rateLimit("10/10m"),
      /** Guest card payments, all clients together. Size it above your peak guest orders. */
      guestPayments: rateLimit("120/1m"),
      /** Sign-in attempts at the order desk (/admin) per client IP, right or wrong. */
      adminSignInPerIp: rateLimit("10/15m"),
      /**
       * Sign-in attempts at the order desk, all clients together: what password guessing may try. Past
       * it nobody can sign in until the window ends, merchants included, which is why it is per window.
       */
      adminSignIns: rateLimit("50/15m"),
    },
    { error: knobsOnly },
  )
  .prefault({});

export type RateLimits = z.output<typeof RateLimits>;

export const Tuning = z.strictObject(
  {
    /**
     * How long one Bolt call may take, retries included, in milliseconds. Only idempotent GETs are
     * retried (at most twice); the code exchange, refresh and payment never are.
     */
    boltTimeoutMs: wholeNumber(5000, 60_000, "milliseconds"),
    /**
     * How long one payment call may take (authorize, and capture, void, refund and review), in
     * milliseconds: far longer than an account read, as a card processor can be slow (Bolt's Salesforce
     * cartridge went from 3 to 30 seconds). Never retried; a payment without an answer is checked again.
     */
    boltPaymentTimeoutMs: wholeNumber(30_000, 120_000, "milliseconds"),
    /** How long one Redis call may take, in milliseconds, before the storefront falls back without it. */
    redisTimeoutMs: wholeNumber(250, 5000, "milliseconds"),
    /** Signed-in sessions end this many hours after sign-in, however active. */
    sessionMaxAgeHours: wholeNumber(12, 24 * 30, "hours"),
    /**
     * A signed-in session unused this many minutes ends (the shopper is told, and keeps the cart). Any
     * page load or action counts as use; the cookie is rewritten for it at most once a minute.
     */
    sessionIdleMinutes: wholeNumber(30, 24 * 60, "minutes"),
    /**
     * `true` drops the `Secure` flag of the session and cart cookies, for a plain-http demo on a LAN
     * address (http://192.168.x.y). Not needed on http://localhost, where Chromium accepts Secure
     * cookies. Refused in production.
     */
    sessionCookieInsecure: z.boolean({ error: "must be true (drop Secure) or false" }).default(false),
    /**
     * How often, in milliseconds, each instance's reconciler looks for orders whose answer from Bolt is
     * not known (each round waits this long, give or take half, so instances spread out).
     */
    reconcileIntervalMs: wholeNumber(20_000, 60 * 60_000, "milliseconds"),
    /**
     * How long after an order is placed, in milliseconds, the reconciler first looks at it if its
     * answer was never written (the instance died mid-payment). Later checks back off, up to an hour.
     */
    firstCheckDelayMs: wholeNumber(120_000, 24 * 60 * 60_000, "milliseconds"),
    rateLimits: RateLimits,
  },
  { error: knobsOnly },
);

export type Tuning = z.output<typeof Tuning>;

/** `STOREFRONT_TUNING`'s text: a JSON object whose keys override the defaults above. Unset: every default. */
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
