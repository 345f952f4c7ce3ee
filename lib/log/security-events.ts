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
  log.warn(event.event, { type: "security", ...event, ...(repeated ? { repeated } : {}) });
}
