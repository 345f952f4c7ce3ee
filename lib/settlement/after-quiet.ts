/**
 * A trigger that runs `work` once the calls pause for `quietMs`, or `maxWaitMs` after the first call
 * it has not run for yet, whichever comes first. The timer never keeps the process alive.
 */
export function afterQuiet(work: () => void, { quietMs, maxWaitMs }: { quietMs: number; maxWaitMs: number }) {
  let pending: { timer: NodeJS.Timeout; since: number } | undefined;
  return function trigger(): void {
    const now = Date.now();
    if (pending) clearTimeout(pending.timer);
    const since = pending?.since ?? now;
    const timer = setTimeout(
      () => {
        pending = undefined;
        work();
      },
      Math.max(0, Math.min(quietMs, since + maxWaitMs - now)),
    );
    timer.unref();
    pending = { timer, since };
  };
}
