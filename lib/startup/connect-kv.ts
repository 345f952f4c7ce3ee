import "server-only";
import { getEnv } from "@/lib/env";
import { logSecurityEvent } from "@/lib/log/security-events";
import { getKv } from "@/lib/kv";

/**
 * Opens the Redis connection while the server starts, so the first shopper's request does not pay
 * for it (or, on a busy machine, time out waiting for it). A Redis that is down is only logged:
 * the storefront starts anyway, with each feature's fallback, and connects when Redis is back.
 */
export async function connectKv(): Promise<void> {
  if (!getEnv().redisUrl) return;
  await getKv()
    .get("startup")
    .catch(() => logSecurityEvent({ event: "store_unavailable", use: "startup", fallback: "reconnecting" }));
}
