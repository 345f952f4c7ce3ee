/** The storefront's own time and its wait on Bolt, for DevTools and `npm run bench`. */
export class ServerTiming {
  private readonly started = performance.now();
  private waited = 0;

  async bolt<T>(call: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await call();
    } finally {
      this.waited += performance.now() - start;
    }
  }

  header(): Record<"Server-Timing", string> {
    const own = performance.now() - this.started - this.waited;
    return {
      "Server-Timing": `app;dur=${own.toFixed(2)};desc="Storefront", bolt;dur=${this.waited.toFixed(2)};desc="Bolt"`,
    };
  }
}

/** What a module needs to count its wait on Bolt apart: a request's ServerTiming, or {@link UNTIMED}. */
export type BoltWait = Pick<ServerTiming, "bolt">;

/** For work no response reports on (the reconciler's rounds). */
export const UNTIMED: BoltWait = { bolt: (call) => call() };
