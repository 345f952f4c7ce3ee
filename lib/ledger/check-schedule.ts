/**
 * A pending order is first looked at once any send of it must have ended; an unconfirmed one after
 * 30 s, doubling up to an hour: Bolt replays the first answer to a key for 24 hours.
 */
export const FIRST_CHECK_DELAY_MS = 2 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/** `attempts` counts from 1. */
export function checkDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}
