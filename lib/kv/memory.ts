import { KvUnavailableError, type Kv } from "./types";

type Entry = { value: string; expiresAt: number };

const SWEEP_EVERY_MS = 5_000;

/**
 * When full it refuses writes instead of evicting: a code guard entry evicted mid-exchange would let the
 * code reach Bolt twice. Counters live apart and evict the least recently counted, so clients an attacker
 * makes up can't fill the store, and a shared budget, counted all the time, stays.
 */
export class MemoryKv implements Kv {
  readonly kind = "memory";
  private readonly entries = new Map<string, Entry>();
  /** Least recently counted first. */
  private readonly counters = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxCounters = maxEntries,
  ) {}

  /** Entries other than counters. */
  get size(): number {
    return this.entries.size;
  }

  get counterCount(): number {
    return this.counters.size;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(this.entries, key)) return false;
    this.makeRoom();
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return (this.live(this.entries, key) ?? this.live(this.counters, key))?.value;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
    this.counters.delete(key);
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }> {
    const now = Date.now();
    const entry = this.live(this.counters, key);
    if (entry) {
      entry.value = String(Number(entry.value) + 1);
      // Re-inserted, so the Map's order makes it the last to go.
      this.counters.delete(key);
      this.counters.set(key, entry);
      return { count: Number(entry.value), resetInMs: entry.expiresAt - now };
    }
    if (this.counters.size >= this.maxCounters) this.evictCounter(now);
    this.counters.set(key, { value: "1", expiresAt: now + ttlMs });
    return { count: 1, resetInMs: ttlMs };
  }

  /** An expired counter if the first few hold one, else the least recently counted. */
  private evictCounter(now: number): void {
    let scanned = 0;
    for (const [key, entry] of this.counters) {
      if (entry.expiresAt <= now) {
        this.counters.delete(key);
        return;
      }
      if (++scanned >= 32) break;
    }
    const oldest = this.counters.keys().next();
    if (!oldest.done) this.counters.delete(oldest.value);
  }

  private live(map: Map<string, Entry>, key: string): Entry | undefined {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  /** A sweep is O(entries), so it runs every few seconds at most, even under a flood. */
  private makeRoom(): void {
    const now = Date.now();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    }
    if (this.entries.size >= this.maxEntries) {
      throw new KvUnavailableError(`the in-memory store is full (${this.maxEntries} live entries)`);
    }
  }
}
