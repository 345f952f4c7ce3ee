import "server-only";
import { logSecurityEvent } from "@/lib/log/security-events";
import { getKv, KvUnavailableError } from "@/lib/kv";
import { processSingleton } from "./process-state";

/** A sealed cookie can't be revoked by itself: a copy taken before logout is refused here until it expires. */
const key = (sid: string) => `denied:${sid}`;

/** Logouts made while kv was unreachable: refused here at once, shared once kv answers. Bounded. */
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

/** Throws KvUnavailableError when kv can't say. */
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
