import { KvUnavailableError, type Kv } from "./types";

type Entry = { value: string; expiresAt: number };

const SWEEP_EVERY_MS = 5_000;

/**
 * The default, for `npm run dev` and one instance. When full it refuses writes instead of evicting: a code
 * guard entry evicted mid-exchange would let the code reach Bolt twice.
 */
export class MemoryKv implements Kv {
  readonly kind = "memory";
  private readonly entries = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.makeRoom();
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }> {
    const now = Date.now();
    const entry = this.live(key);
    if (entry) {
      entry.value = String(Number(entry.value) + 1);
      return { count: Number(entry.value), resetInMs: entry.expiresAt - now };
    }
    this.makeRoom();
    this.entries.set(key, { value: "1", expiresAt: now + ttlMs });
    return { count: 1, resetInMs: ttlMs };
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
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
