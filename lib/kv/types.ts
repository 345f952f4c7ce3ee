/** Small, so any store with set-if-absent, expiry and counters can hold what instances share. */
export interface Kv {
  readonly kind: "memory" | "redis";
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /** The counter expires `ttlMs` after its first increment. */
  increment(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }>;
}

/** Every caller has a fallback for it; none signs a shopper out because of it. */
export class KvUnavailableError extends Error {
  override name = "KvUnavailableError";

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
