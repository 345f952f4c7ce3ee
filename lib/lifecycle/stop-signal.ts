// On globalThis: Next loads a module once per bundle (instrumentation, each route), and the signal the
// stop raises in the instrumentation's bundle must reach the Bolt calls made in the routes' bundles.

const CONTROLLER = Symbol.for("storefront.lifecycle.stop");
type Holder = { [CONTROLLER]?: AbortController };
const holder = globalThis as Holder;

function controller(): AbortController {
  holder[CONTROLLER] ??= new AbortController();
  return holder[CONTROLLER];
}

/** Aborted when a stopping server runs out of time for its requests: work still waiting gives up. */
export function stopSignal(): AbortSignal {
  return controller().signal;
}

/** Named AbortError, as a timeout's abort is, so a waiting call ends as one that did not answer in time. */
export function letGoOfWaitingWork(): void {
  controller().abort(new DOMException("The server is stopping", "AbortError"));
}

/**
 * `release()` once the call has ended. Not AbortSignal.any: on Node 20 and 24 each signal it makes
 * stays reachable from the process-long stop signal, a leak per Bolt call.
 */
export function budgetOrStop(budget: AbortSignal): { signal: AbortSignal; release(): void } {
  const stop = stopSignal();
  const controller = new AbortController();
  const sources = [budget, stop];
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  const release = () => sources.forEach((source) => source.removeEventListener("abort", onAbort));
  const aborted = sources.find((source) => source.aborted);
  if (aborted) controller.abort(aborted.reason);
  else sources.forEach((source) => source.addEventListener("abort", onAbort, { once: true }));
  return { signal: controller.signal, release };
}
