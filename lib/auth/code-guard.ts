import { createHash } from "node:crypto";

/** The code was already exchanged (or tried) on this server. */
export class CodeReplayError extends Error {
  constructor() {
    super("This authorization code was already used");
    this.name = "CodeReplayError";
  }
}

type Seen<V> = { at: number; pending?: Promise<V> };

/**
 * Single use per authorization code, whatever happens upstream. Bolt revokes every token issued
 * from a code that is used twice (RFC 6749 §4.1.2), so a double click must never reach Bolt twice:
 * duplicates that arrive while the exchange runs share its result, and any later one is refused
 * without calling Bolt, even after a failure or timeout (Bolt may have used the code anyway).
 *
 * Codes are remembered by hash for `memoryMs` (longer than Bolt's 5-minute code lifetime), at most
 * `maxEntries` of them. Limit: one process. Behind several instances a replay can reach another
 * one, which then asks Bolt, which refuses it (`invalid_grant`) but also revokes the first
 * session's tokens; a shared SET-if-absent store (Redis) closes that gap.
 */
export class CodeGuard<V> {
  private readonly seen = new Map<string, Seen<V>>();

  constructor(
    private readonly memoryMs: number,
    private readonly maxEntries: number,
  ) {}

  run(code: string, exchange: () => Promise<V>): Promise<V> {
    const now = Date.now();
    for (const [key, entry] of this.seen) if (now - entry.at > this.memoryMs) this.seen.delete(key);
    const key = createHash("sha256").update(code).digest("base64url");
    const known = this.seen.get(key);
    if (known) return known.pending ?? Promise.reject(new CodeReplayError());
    while (this.seen.size >= this.maxEntries) this.seen.delete(this.seen.keys().next().value as string);
    // Once settled, only the fact that the code was seen is kept, not the tokens it produced.
    const entry: Seen<V> = { at: now };
    entry.pending = Promise.resolve()
      .then(exchange)
      .finally(() => delete entry.pending);
    this.seen.set(key, entry);
    return entry.pending;
  }
}
