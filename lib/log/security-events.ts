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
  | { event: "store_unavailable"; use: string; fallback: string }
  /**
   * A browser reported a Content-Security-Policy violation (lib/http/csp-report.ts). Never the page's
   * URL, referrer or a sample of its content: the directive, and the origins involved.
   */
  | {
      event: "csp_violation";
      directive: string;
      /** `inline`, `eval`, a scheme (`data`) or an origin. */
      blocked: string;
      /** The origin of the script that caused it, when the browser names one. */
      source?: string;
      disposition: "enforce" | "report";
    };

/**
 * Events that come in floods (an outage hits every request; a client keeps hitting a limit; every
 * page load reports the same violation): one line per kind per this long, with a count, is enough.
 */
const REPEAT_MS = 10_000;
/** Kinds remembered at once; past it, stale ones are dropped, and a new kind is logged unsuppressed. */
const MAX_KINDS = 1_000;
const lastLogged = new Map<string, { at: number; suppressed: number }>();

function floodKind(event: SecurityEvent): string | undefined {
  switch (event.event) {
    case "store_unavailable":
      return `${event.event}/${event.use}/${event.fallback}`;
    case "rate_limited":
      return `${event.event}/${event.limit}/${event.client ?? ""}`;
    case "csp_violation":
      return `${event.event}/${event.directive}/${event.blocked}/${event.source ?? ""}/${event.disposition}`;
    default:
      return undefined;
  }
}

/** How many like it were held back since the last line, or undefined to hold this one back too. */
function heldBack(kind: string, now: number): number | undefined {
  const last = lastLogged.get(kind);
  if (last && now - last.at < REPEAT_MS) {
    last.suppressed += 1;
    return undefined;
  }
  if (!last && lastLogged.size >= MAX_KINDS) {
    for (const [name, entry] of lastLogged) if (now - entry.at >= REPEAT_MS) lastLogged.delete(name);
  }
  if (last || lastLogged.size < MAX_KINDS) lastLogged.set(kind, { at: now, suppressed: 0 });
  return last?.suppressed ?? 0;
}

export function logSecurityEvent(event: SecurityEvent): void {
  const kind = floodKind(event);
  const repeated = kind === undefined ? 0 : heldBack(kind, Date.now());
  if (repeated === undefined) return;
  const line = { type: "security", at: new Date().toISOString(), ...event, ...(repeated ? { repeated } : {}) };
  console.warn(JSON.stringify(line));
}
