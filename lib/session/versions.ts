import "server-only";
import { getEnv } from "@/lib/env";
import { getKv, KvUnavailableError } from "@/lib/kv";
import { logSecurityEvent } from "@/lib/log/security-events";
import type { SessionData } from "./schema";

// A response built from a replaced session must not set its cookie: the browser may hold the newer one,
// and would be left with a spent refresh token.

type Version = Pick<SessionData, "sid" | "ver" | "createdAt">;

const key = (session: Version) => `superseded:${session.sid}:${session.ver ?? 0}`;

/** Until the session's absolute expiry, when its cookie is refused anyway. */
function lifetimeLeftMs(session: Version): number {
  return Math.max(1000, session.createdAt + getEnv().sessionMaxAgeMs - Date.now());
}

/** Best effort: without kv, a stale response may still set its cookie, as before versions existed. */
export async function markSuperseded(session: Version): Promise<void> {
  try {
    await getKv().setIfAbsent(key(session), "1", lifetimeLeftMs(session));
  } catch (error) {
    if (!(error instanceof KvUnavailableError)) throw error;
    logSecurityEvent({ event: "store_unavailable", use: "session versions", fallback: "cookie written unchecked" });
  }
}

export async function isSuperseded(session: Version): Promise<boolean> {
  try {
    return (await getKv().get(key(session))) !== undefined;
  } catch (error) {
    if (!(error instanceof KvUnavailableError)) throw error;
    logSecurityEvent({ event: "store_unavailable", use: "session versions", fallback: "cookie written unchecked" });
    return false;
  }
}
