/**
 * Security events, one JSON line each on stderr, for a log pipeline to alert on. The shapes are
 * closed on purpose: no field can carry a code, token, secret or cookie, and JSON encoding keeps
 * a CR/LF in any value from forging a second line.
 */
export type SecurityEvent =
  /** A cookie-changing request from another origin (CSRF attempt or a misconfigured APP_ORIGIN). */
  | { event: "origin_refused"; reason: string; method: string }
  /** A code already claimed: `in_use` while another client's exchange runs, `used` afterwards. */
  | { event: "code_replayed"; state: "in_use" | "used" }
  /** Bolt refused a code or a refresh token. */
  | { event: "invalid_grant"; grant: "authorization_code" | "refresh_token" }
  | { event: "rate_limited"; limit: string; client?: string }
  /** A session cookie that does not open, or opens to something we never sealed. */
  | { event: "cookie_refused"; reason: string }
  /** A cookie signed out earlier was presented again. */
  | { event: "session_revoked" }
  /**
   * A step-up sign-in refused, the current session kept: `account_changed` when the code belonged to
   * another Bolt account than the signed-in one, `no_session` when there was no session to confirm.
   */
  | { event: "step_up_refused"; reason: "account_changed" | "no_session" }
  /** Logout could not reach the shared store; other instances learn of it once it is back. */
  | { event: "logout_not_shared" }
  /** The shared store failed; `fallback` says what was done instead. */
  | { event: "store_unavailable"; use: string; fallback: string };

/** An outage makes every request log the same line; one per this long (with a count) is enough. */
const REPEAT_MS = 10_000;
const lastLogged = new Map<string, { at: number; suppressed: number }>();

export function logSecurityEvent(event: SecurityEvent): void {
  let repeated = 0;
  if (event.event === "store_unavailable") {
    const key = `${event.use}/${event.fallback}`;
    const now = Date.now();
    const last = lastLogged.get(key);
    if (last && now - last.at < REPEAT_MS) {
      last.suppressed += 1;
      return;
    }
    repeated = last?.suppressed ?? 0;
    lastLogged.set(key, { at: now, suppressed: 0 });
  }
  const line = { type: "security", at: new Date().toISOString(), ...event, ...(repeated ? { repeated } : {}) };
  console.warn(JSON.stringify(line));
}
