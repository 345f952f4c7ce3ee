/**
 * When the reconciler looks at an order whose answer is not known. A pending order is first looked
 * at once any send of it must have ended (Bolt's authorize can take far longer than our timeout);
 * an unconfirmed one after 30 s, then twice as long after each check that learned nothing, up to an
 * hour: Bolt replays the first answer to the same Idempotency-Key for 24 hours.
 */
export const FIRST_CHECK_DELAY_MS = 2 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/** The wait after the `attempts`-th check that learned nothing (1 for the first). */
export function checkDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}
