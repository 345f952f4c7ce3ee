import "server-only";
import { getEnv } from "@/lib/env";
import { logSecurityEvent } from "@/lib/log/security-events";
import { processSingleton } from "@/lib/session/process-state";
import { MemoryStore } from "./memory-store";
import { RedisStore } from "./redis-store";
import type { SharedStore } from "./types";

export { StoreUnavailableError, type SharedStore } from "./types";

/**
 * Live entries the in-memory store may hold. Each is a hashed key and a short value (a sealed
 * hand-off is under 1 KB and lives seconds), so this caps it at some tens of MB.
 */
export const MEMORY_STORE_MAX_ENTRIES = 100_000;

/**
 * The shared store: Redis when `REDIS_URL` is set, else this process's memory. One per process,
 * whichever bundle (proxy, route handler, page) asks first: see processSingleton.
 */
export function getStore(): SharedStore {
  return processSingleton("shared-store", () => {
    const { redisUrl, redisTimeoutMs } = getEnv();
    if (!redisUrl) return new MemoryStore(MEMORY_STORE_MAX_ENTRIES);
    return new RedisStore(redisUrl, redisTimeoutMs, () =>
      logSecurityEvent({ event: "store_unavailable", use: "connection", fallback: "reconnecting" }),
    );
  });
}
