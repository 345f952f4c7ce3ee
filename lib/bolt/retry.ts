/** At most 3 attempts, all inside one `boltTimeoutMs` budget. */
export const MAX_GET_RETRIES = 2;

/** undici's RetryHandler list. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

const BASE_DELAY_MS = 200;
const JITTER_MS = 100;
/** Longer means "not now": give up rather than hold the shopper's page. */
export const MAX_RETRY_AFTER_MS = 2000;

/** RFC 9110 §10.2.3: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month; V8 would otherwise read "-1" as a date too.
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Bolt's `Retry-After` when it gave one, else backoff with jitter; `undefined`: don't retry. */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs > MAX_RETRY_AFTER_MS ? undefined : retryAfterMs;
  return BASE_DELAY_MS * 2 ** attempt + Math.floor(random() * JITTER_MS);
}
