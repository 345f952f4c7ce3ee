import "server-only";
import { processSingleton } from "./process-state";

/**
 * Session ids signed out on this server, each kept until its session's absolute expiry. A sealed
 * cookie can't be revoked by itself (iron-session README "How to invalidate sessions?"), so a copy
 * taken before logout would otherwise keep working.
 *
 * Limit: it lives in this process's memory. Several instances, or a restart, forget it; a shared
 * store (Redis SET with expiry) is the multi-instance version.
 */
const denied = processSingleton("session-denylist", () => new Map<string, number>());

export function denySession(sid: string, until: number): void {
  const now = Date.now();
  for (const [id, expiry] of denied) if (expiry <= now) denied.delete(id);
  denied.set(sid, until);
}

export function isSessionDenied(sid: string): boolean {
  const until = denied.get(sid);
  return until !== undefined && until > Date.now();
}
