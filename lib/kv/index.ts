import "server-only";
import { getEnv } from "@/lib/env";
import { logSecurityEvent } from "@/lib/log/security-events";
import { existingSingleton, processSingleton } from "@/lib/session/process-state";
import { MemoryKv } from "./memory";
import { RedisKv } from "./redis";
import { KvUnavailableError, type Kv } from "./types";

export { KvUnavailableError, type Kv } from "./types";

/** Hashed keys and short values that live seconds: some tens of MB at most. */
export const MEMORY_KV_MAX_ENTRIES = 100_000;

/**
 * One per process, whichever bundle asks first. Each bundle gets its own view, so a failure is its own
 * KvUnavailableError and its fallbacks apply.
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

export async function closeKv(): Promise<void> {
  // Made by whichever bundle asked first, so its class may be another bundle's copy: no instanceof.
  await existingSingleton<Kv & { close?: () => Promise<void> }>("kv")?.close?.();
}

let bundleView: BundleView | undefined;

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
