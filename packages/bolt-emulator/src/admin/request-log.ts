export type LoggedRequest = {
  at: string;
  method: string;
  path: string;
  /** 0 when the emulator never answered (a `hang` fault the client gave up on). */
  status: number;
  durationMs: number;
  /** The email of the shopper the request concerned; never a token value. */
  shopper?: string;
  grantType?: string;
  /** The `X-Bolt-Trace-Id` the answer carried (Bolt support asks merchants for it). */
  traceId: string;
  /** The request's `X-Nonce`, as Bolt's plugins send one with every call; logged, not enforced. */
  nonce?: string;
};

export type LogFilter = { email?: string; path?: string; grantType?: string; traceId?: string };

const MAX_ENTRIES = 5000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(filter: LogFilter = {}): LoggedRequest[] {
    return this.entries.filter(
      (entry) =>
        (!filter.email || entry.shopper === filter.email.toLowerCase()) &&
        (!filter.path || entry.path === filter.path) &&
        (!filter.grantType || entry.grantType === filter.grantType) &&
        (!filter.traceId || entry.traceId === filter.traceId),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
