import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";

// Next gives a server action no way to set a response header. Node's http server announces each
// request, with its response, on a diagnostics channel before any handler runs; kept in an
// AsyncLocalStorage, that response is reachable from the request's own async work, actions included.
// On globalThis: Next loads this module once per bundle, and they must share the one store.

const STORE = Symbol.for("storefront.http.responses");
type Holder = { [STORE]?: AsyncLocalStorage<ServerResponse> };
const holder = globalThis as Holder;

/** At start-up, once per process (instrumentation.ts). */
export function trackResponses(): void {
  if (holder[STORE]) return;
  const store = new AsyncLocalStorage<ServerResponse>();
  holder[STORE] = store;
  subscribe("http.server.request.start", (message) => {
    store.enterWith((message as { response: ServerResponse }).response);
  });
}

/** Sets a header on the response to the request being served, if its headers are not sent yet. */
export function setResponseHeader(name: string, value: string): void {
  const response = holder[STORE]?.getStore();
  if (response && !response.headersSent) response.setHeader(name, value);
}
