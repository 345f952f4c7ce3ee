import "server-only";
import { getEnv } from "@/lib/env";
import { logSecurityEvent } from "@/lib/log/security-events";
import { processSingleton } from "@/lib/session/process-state";
import { MemoryKv } from "./memory";
import { RedisKv } from "./redis";
import { KvUnavailableError, type Kv } from "./types";

export { KvUnavailableError, type Kv } from "./types";

/**
 * Live entries the in-memory store may hold. Each is a hashed key and a short value (a sealed
 * hand-off is under 1 KB and lives seconds), so this caps it at some tens of MB.
 */
export const MEMORY_KV_MAX_ENTRIES = 100_000;

/**
 * The shared store: Redis when `REDIS_URL` is set, else this process's memory. One connection (or
 * one map) per process, whichever bundle (proxy, route handler, page) asks first: see
 * processSingleton. Each bundle sees it through its own thin view, because each bundle has its own
 * copy of KvUnavailableError: an error thrown by another bundle's class would fail this
 * bundle's `instanceof` checks, and a Redis outage would surface as a 500 instead of its fallback.
 */
export function getKv(): Kv {
  bundleView ??= new BundleView(
    processSingleton("kv", () => {
      const { redisUrl, redisTimeoutMs } = getEnv();
      if (!redisUrl) return new MemoryKv(MEMORY_KV_MAX_ENTRIES);
      return new RedisKv(redisUrl, redisTimeoutMs, () =>
        logSecurityEvent({ event: "store_unavailable", use: "connection", fallback: "reconnecting" }),
      );
    }),
  );
  return bundleView;
}

let bundleView: BundleView | undefined;

/** Any failure of the shared store becomes this bundle's KvUnavailableError. */
class BundleView implements Kv {
  readonly kind: Kv["kind"];

  constructor(private readonly inner: Kv) {
    this.kind = inner.kind;
  }

  setIfAbsent(key: string, value: string, ttlMs: number) {
    return this.translate(this.inner.setIfAbsent(key, value, ttlMs));
  }

  get(key: string) {
    return this.translate(this.inner.get(key));
  }

  delete(key: string) {
    return this.translate(this.inner.delete(key));
  }

  increment(key: string, ttlMs: number) {
    return this.translate(this.inner.increment(key, ttlMs));
  }

  private async translate<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      if (error instanceof KvUnavailableError) throw error;
      throw new KvUnavailableError(error instanceof Error ? error.message : "the shared kv failed", {
        cause: error,
      });
    }
  }
}
