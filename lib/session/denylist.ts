import "server-only";
import { logSecurityEvent } from "@/lib/log/security-events";
import { getKv, KvUnavailableError } from "@/lib/kv";
import { processSingleton } from "./process-state";

/**
 * Session ids signed out, each kept in the shared store until its session's absolute expiry. A
 * sealed cookie can't be revoked by itself (iron-session README "How to invalidate sessions?"), so
 * a copy taken before logout would otherwise keep working, on this instance or any other.
 */
const key = (sid: string) => `denied:${sid}`;

/**
 * Logouts made while the store was unreachable: refused on this instance at once, and written to
 * the store as soon as it answers again. Bounded; past the bound a logout still clears the cookie.
 */
const pending = processSingleton("pending-denials", () => new Map<string, number>());
const MAX_PENDING = 10_000;

export async function denySession(sid: string, until: number): Promise<void> {
  try {
    await getKv().setIfAbsent(key(sid), "1", until - Date.now());
  } catch (error) {
    if (!(error instanceof KvUnavailableError)) throw error;
    logSecurityEvent({ event: "logout_not_shared" });
    if (pending.size < MAX_PENDING) pending.set(sid, until);
  }
}

/** Whether `sid` was signed out. Throws KvUnavailableError when the store can't say. */
export async function isSessionDenied(sid: string): Promise<boolean> {
  const localUntil = pending.get(sid);
  const deniedHere = localUntil !== undefined && localUntil > Date.now();
  let denied: boolean;
  try {
    denied = (await getKv().get(key(sid))) !== undefined;
  } catch (error) {
    if (deniedHere) return true;
    throw error;
  }
  if (pending.size > 0) await sharePending();
  return denied || deniedHere;
}

/** The store answers again: hand it the logouts it missed. */
async function sharePending(): Promise<void> {
  const kv = getKv();
  for (const [sid, until] of pending) {
    const left = until - Date.now();
    try {
      if (left > 0) await kv.setIfAbsent(key(sid), "1", left);
      pending.delete(sid);
    } catch {
      return;
    }
  }
}
