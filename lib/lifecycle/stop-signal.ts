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
