/**
 * One run per key at a time. A success also answers callers within `graceMs` after it, which covers
 * requests sent with the old cookie before our `Set-Cookie` arrived; a failure is forgotten at once.
 */
export class SingleFlight<V> {
  private readonly entries = new Map<string, { promise: Promise<V>; settledAt?: number }>();

  constructor(private readonly graceMs: number) {}

  run(key: string, task: () => Promise<V>): Promise<V> {
    const now = Date.now();
    for (const [name, entry] of this.entries) {
      if (entry.settledAt !== undefined && now - entry.settledAt > this.graceMs) this.entries.delete(name);
    }
    const existing = this.entries.get(key);
    if (existing) return existing.promise;
    const entry: { promise: Promise<V>; settledAt?: number } = {
      promise: Promise.resolve()
        .then(task)
        .then(
          (value) => {
            entry.settledAt = Date.now();
            return value;
          },
          (error: unknown) => {
            this.entries.delete(key);
            throw error;
          },
        ),
    };
    this.entries.set(key, entry);
    return entry.promise;
  }
}
