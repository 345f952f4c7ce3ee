import type { IncomingHttpHeaders } from "node:http";

/** A handler's answer; the server writes it out (and may still add CORS headers). */
export type Reply = { status: number; headers?: Record<string, string>; body?: string | Buffer };

/** What a handler gets: the parsed request with its body already read. */
export type ApiRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  params: Record<string, string>;
  /** Who and what the request concerned, for the request log; handlers fill it in as they learn it. */
  concern: { shopper?: string; grantType?: string };
};

export const JSON_TYPE = "application/json; charset=utf-8";

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "Content-Type": JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** Bolt answers a DELETE with 200 and no body. */
export function empty(status = 200): Reply {
  return { status, headers: { "Content-Length": "0" } };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "Content-Type": "text/html; charset=utf-8", ...headers }, body };
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
