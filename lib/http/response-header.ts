import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";

// Next gives a server action no way to set a response header, but Node's diagnostics channel announces
// each response before any handler runs. On globalThis: every bundle must share the one store.

const STORE = Symbol.for("storefront.http.responses");
type Holder = { [STORE]?: AsyncLocalStorage<ServerResponse> };
const holder = globalThis as Holder;

export function trackResponses(): void {
  if (holder[STORE]) return;
  const store = new AsyncLocalStorage<ServerResponse>();
  holder[STORE] = store;
  subscribe("http.server.request.start", (message) => {
    store.enterWith((message as { response: ServerResponse }).response);
  });
}

/** Only while its headers are not sent yet. */
export function setResponseHeader(name: string, value: string): void {
  const response = holder[STORE]?.getStore();
  if (response && !response.headersSent) response.setHeader(name, value);
}
