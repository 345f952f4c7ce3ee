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
};

export type LogFilter = { email?: string; path?: string; grantType?: string };

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
        (!filter.grantType || entry.grantType === filter.grantType),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
