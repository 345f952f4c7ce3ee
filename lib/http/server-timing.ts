/**
 * Splits one request's time into its waits on Bolt and the rest, the storefront's own work, for a
 * `Server-Timing` header: the browser's DevTools show it, and `npm run bench` reads it.
 */
export class ServerTiming {
  private readonly started = performance.now();
  private waited = 0;

  /** Runs `call`, counting its time as waiting on Bolt. */
  async bolt<T>(call: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await call();
    } finally {
      this.waited += performance.now() - start;
    }
  }

  /** `app` (ours) and `bolt` (waiting), in milliseconds, up to now. */
  header(): Record<"Server-Timing", string> {
    const own = performance.now() - this.started - this.waited;
    return {
      "Server-Timing": `app;dur=${own.toFixed(2)};desc="Storefront", bolt;dur=${this.waited.toFixed(2)};desc="Bolt"`,
    };
  }
}
