import { normalizeEmail } from "../store/shoppers";

export const MAX_WRONG_CODES = 5;
export const LOCK_MS = 15 * 60 * 1000;

type Attempts = { wrong: number; lockedUntil: number };

/** Wrong one-time codes per email: the 5th wrong code locks that email's login for 15 minutes. */
export class LoginLocks {
  private readonly byEmail = new Map<string, Attempts>();

  /** Milliseconds left on a lock, or 0 when the email may try. */
  lockedFor(email: string, now = Date.now()): number {
    const attempts = this.byEmail.get(normalizeEmail(email));
    if (!attempts || attempts.lockedUntil <= now) return 0;
    return attempts.lockedUntil - now;
  }

  /** Records a wrong code (call only when not locked); answers how many tries are left, 0 meaning now locked. */
  fail(email: string, now = Date.now()): number {
    const key = normalizeEmail(email);
    const attempts = this.byEmail.get(key) ?? { wrong: 0, lockedUntil: 0 };
    attempts.wrong += 1;
    if (attempts.wrong >= MAX_WRONG_CODES) {
      attempts.wrong = 0;
      attempts.lockedUntil = now + LOCK_MS;
    }
    this.byEmail.set(key, attempts);
    return attempts.lockedUntil > now ? 0 : MAX_WRONG_CODES - attempts.wrong;
  }

  succeed(email: string): void {
    this.byEmail.delete(normalizeEmail(email));
  }
}
