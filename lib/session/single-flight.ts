/**
 * At most one run of a task per key at a time: callers that arrive while it runs get the same
 * promise. A success is also handed to callers arriving within `graceMs` after it settled, which
 * covers requests the browser sent with the old cookie before our `Set-Cookie` reached it. A
 * failure is forgotten at once, so the next caller may try again.
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
