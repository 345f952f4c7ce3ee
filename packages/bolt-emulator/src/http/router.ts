import type { Emulator } from "../state";
import type { ApiRequest, Reply } from "./reply";

/**
 * `api`: Bolt's API (request-logged, fault-injectable); `connect`: embed.js and the login modal (faults only);
 * `admin`: loopback-only test hooks (neither).
 */
export type RouteKind = "api" | "connect" | "admin";

export type Handler = (request: ApiRequest, emulator: Emulator) => Reply | Promise<Reply>;

export type Route = {
  method: string;
  /** A path with `:name` segments, e.g. `/v1/account/addresses/:id`. */
  pattern: string;
  kind: RouteKind;
  handler: Handler;
  /** Answer CORS for any origin (and its preflight): the browser calls these from the storefront's page. */
  cors?: boolean;
  /** Honours `Idempotency-Key`: the server holds the key in flight while the request runs (409 for a repeat). */
  idempotent?: boolean;
};

export type RouteMatch = { route: Route; params: Record<string, string> } | { route: undefined; allowed: string[] };

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? "";
    const actual = got[i] ?? "";
    if (segment.startsWith(":")) {
      const decoded = safeDecode(actual);
      if (!decoded) return undefined;
      params[segment.slice(1)] = decoded;
    } else if (segment !== actual) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment) || undefined;
  } catch {
    return undefined;
  }
}

export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return { route: undefined, allowed };
}

/** The kind of a path even when no route matches, so unknown paths are logged and faultable like API paths. */
export function kindOfPath(path: string): RouteKind {
  if (path.startsWith("/__emulator/")) return "admin";
  if (path.startsWith("/v1/") || path.startsWith("/v3/") || path.startsWith("/.well-known/")) return "api";
  return "connect";
}
