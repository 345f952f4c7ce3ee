import "server-only";
import { log } from "./logger";

/** One line each in the log, at `warn`. Closed shapes: no field can carry a code, token or cookie, nor forge a second line. */
export type SecurityEvent =
  | { event: "origin_refused"; reason: string; method: string }
  /** `in_use` while another client's exchange runs, `used` afterwards. */
  | { event: "code_replayed"; state: "in_use" | "used" }
  | { event: "invalid_grant"; grant: "authorization_code" | "refresh_token" }
  | { event: "rate_limited"; limit: string; client?: string }
  | { event: "cookie_refused"; reason: string }
  | { event: "session_revoked" }
  | { event: "step_up_refused"; reason: "account_changed" | "no_session" }
  /** Other instances learn of the logout once kv is back. */
  | { event: "logout_not_shared" }
  | { event: "store_unavailable"; use: string; fallback: string }
  /** Never the body or headers. */
  | {
      event: "webhook_refused";
      reason: "unsigned" | "bad_signature" | "oversized" | "malformed" | "not_configured";
      client?: string;
    }
  /** Never the password typed. */
  | { event: "admin_sign_in_refused"; reason: "wrong_password" | "not_configured"; client?: string }
  /** Never the page's URL, referrer or a sample: the directive and the origins involved. */
  | {
      event: "csp_violation";
      directive: string;
      blocked: string;
      source?: string;
      disposition: "enforce" | "report";
    };

/** Floods (an outage, a client at a limit): one line per kind per this long, with a count. */
const REPEAT_MS = 10_000;
/** Anyone can post to the webhook endpoint: one line per client per minute, whatever it sends. */
const WEBHOOK_REPEAT_MS = 60_000;
const MAX_KINDS = 1_000;
const lastLogged = new Map<string, { at: number; suppressed: number; repeatMs: number }>();

function floodKind(event: SecurityEvent): string | undefined {
  switch (event.event) {
    case "store_unavailable":
      return `${event.event}/${event.use}/${event.fallback}`;
    case "rate_limited":
      return `${event.event}/${event.limit}/${event.client ?? ""}`;
    case "csp_violation":
      return `${event.event}/${event.directive}/${event.blocked}/${event.source ?? ""}/${event.disposition}`;
    case "webhook_refused":
    case "admin_sign_in_refused":
      return `${event.event}/${event.client ?? ""}`;
    default:
      return undefined;
  }
}

function heldBack(kind: string, now: number, repeatMs: number): number | undefined {
  const last = lastLogged.get(kind);
  if (last && now - last.at < repeatMs) {
    last.suppressed += 1;
    return undefined;
  }
  if (!last && lastLogged.size >= MAX_KINDS) {
    for (const [name, entry] of lastLogged) if (now - entry.at >= entry.repeatMs) lastLogged.delete(name);
  }
  if (last || lastLogged.size < MAX_KINDS) lastLogged.set(kind, { at: now, suppressed: 0, repeatMs });
  return last?.suppressed ?? 0;
}

export function logSecurityEvent(event: SecurityEvent): void {
  const kind = floodKind(event);
  const repeatMs = event.event === "webhook_refused" ? WEBHOOK_REPEAT_MS : REPEAT_MS;
  const repeated = kind === undefined ? 0 : heldBack(kind, Date.now(), repeatMs);
  if (repeated === undefined) return;
  log.warn(event.event, { type: "security", ...event, ...(repeated ? { repeated } : {}) });
}
