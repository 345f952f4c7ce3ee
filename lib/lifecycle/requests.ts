import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { Server, ServerResponse } from "node:http";

// Node's http diagnostics channel announces each request before any handler runs, so a stop can wait
// for exactly those. On globalThis: one record per process, whichever bundle asks.

type Requests = {
  servers: Set<Server>;
  inFlight: Set<ServerResponse>;
  closing: boolean;
  onSettled?: () => void;
};

const RECORD = Symbol.for("storefront.lifecycle.requests");
type Holder = { [RECORD]?: Requests };
const holder = globalThis as Holder;

export function trackRequests(): void {
  if (holder[RECORD]) return;
  const requests: Requests = { servers: new Set(), inFlight: new Set(), closing: false };
  holder[RECORD] = requests;
  subscribe("http.server.request.start", (message) => {
    const { server, response } = message as { server: Server; response: ServerResponse };
    requests.servers.add(server);
    requests.inFlight.add(response);
    // Served, but the last on its connection: a keep-alive client moves to another instance.
    if (requests.closing) response.setHeader("Connection", "close");
    response.once("close", () => {
      requests.inFlight.delete(response);
      if (!requests.closing) return;
      for (const each of requests.servers) each.closeIdleConnections();
      if (requests.inFlight.size === 0) requests.onSettled?.();
    });
  });
}

export function inFlightCount(): number {
  return holder[RECORD]?.inFlight.size ?? 0;
}

export function isClosing(): boolean {
  return holder[RECORD]?.closing ?? false;
}

/** Resolves once every request in flight has been answered. */
export function closeServers(): Promise<void> {
  const requests = holder[RECORD];
  if (!requests) return Promise.resolve();
  requests.closing = true;
  for (const server of requests.servers) {
    server.close();
    server.closeIdleConnections();
  }
  for (const response of requests.inFlight) if (!response.headersSent) response.setHeader("Connection", "close");
  if (requests.inFlight.size === 0) return Promise.resolve();
  return new Promise((resolve) => (requests.onSettled = resolve));
}
