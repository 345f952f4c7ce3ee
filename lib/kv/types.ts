/**
 * The state that several storefront instances must share: the code guard, the refresh lock and its
 * hand-off, the logout denylist and the rate limits. Small on purpose, so any store with atomic
 * set-if-absent, expiry and counters can implement it.
 */
export interface Kv {
  readonly kind: "memory" | "redis";
  /** Stores `value` under `key` for `ttlMs` unless the key exists. True when this call stored it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /**
   * Adds one to the counter at `key`, which starts from zero and expires `ttlMs` after its first
   * increment. Returns the new count and how long until the counter expires.
   */
  increment(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }>;
}

/**
 * The store did not answer in time, refused the call, or (in memory) is full. Every caller has a
 * documented fallback for it; none signs a shopper out because of it.
 */
export class KvUnavailableError extends Error {
  override name = "KvUnavailableError";

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
