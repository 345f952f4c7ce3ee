import "server-only";
import { logSecurityEvent } from "@/lib/log/security-events";
import { getKv, KvUnavailableError } from "@/lib/kv";
import { processSingleton } from "./process-state";

/** A sealed cookie can't be revoked by itself: a copy taken before logout is refused here until it expires. */
const key = (sid: string) => `denied:${sid}`;

/**
 * `logout`: the shopper signed out. `replaced`: a sign-in (a step-up included) gave this browser a newer
 * session, so a request still carrying this one must not clear the newer cookie on its way back.
 */
export type Denial = "logout" | "replaced";

const VALUES: Record<Denial, string> = { logout: "1", replaced: "replaced" };

/** Logouts made while kv was unreachable: refused here at once, shared once kv answers. Bounded. */
const pending = processSingleton("pending-denials", () => new Map<string, { until: number; denial: Denial }>());
const MAX_PENDING = 10_000;

export async function denySession(sid: string, until: number, denial: Denial = "logout"): Promise<void> {
  try {
    await getKv().setIfAbsent(key(sid), VALUES[denial], until - Date.now());
  } catch (error) {
    if (!(error instanceof KvUnavailableError)) throw error;
    logSecurityEvent({ event: "logout_not_shared" });
    if (pending.size < MAX_PENDING) pending.set(sid, { until, denial });
  }
}

export async function isSessionDenied(sid: string): Promise<boolean> {
  return (await sessionDenial(sid)) !== undefined;
}

/** Throws KvUnavailableError when kv can't say. */
export async function sessionDenial(sid: string): Promise<Denial | undefined> {
  const local = pending.get(sid);
  const deniedHere = local !== undefined && local.until > Date.now() ? local.denial : undefined;
  let value: string | undefined;
  try {
    value = await getKv().get(key(sid));
  } catch (error) {
    if (deniedHere) return deniedHere;
    throw error;
  }
  if (pending.size > 0) await sharePending();
  if (value === undefined) return deniedHere;
  return value === VALUES.replaced ? "replaced" : "logout";
}

async function sharePending(): Promise<void> {
  const kv = getKv();
  for (const [sid, { until, denial }] of pending) {
    const left = until - Date.now();
    try {
      if (left > 0) await kv.setIfAbsent(key(sid), VALUES[denial], left);
      pending.delete(sid);
    } catch {
      return;
    }
  }
}
