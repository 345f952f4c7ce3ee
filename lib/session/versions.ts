import "server-only";
import { getEnv } from "@/lib/env";
import { getKv, KvUnavailableError } from "@/lib/kv";
import { logSecurityEvent } from "@/lib/log/security-events";
import type { SessionData } from "./schema";

// A response built from a session that has since been replaced must not set its cookie: the browser
// may already hold the newer one (a refresh's rotated tokens), and would be left with a spent refresh
// token. So each refresh counts up the session's version and marks the one it replaced; a cookie is
// never written for a marked version, never downwards.

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
