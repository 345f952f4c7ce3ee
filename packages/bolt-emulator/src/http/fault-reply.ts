import type { ActiveFault } from "../admin/faults";
import { TOKEN_PATHS } from "../oauth/token-route";
import { JSON_TYPE, type Reply } from "./reply";

/** The answer a fault rule gives instead of the real handler: a status, with a Bolt-shaped body of the chosen kind. */
export function faultReply(fault: ActiveFault, path: string): Reply {
  const status = fault.status ?? 200;
  const headers = { "X-Emulator-Fault": fault.id };
  switch (fault.body ?? "json") {
    case "malformed":
      return {
        status,
        headers: { ...headers, "Content-Type": JSON_TYPE },
        body: '{"result":{"success":false},"errors":[{"code":',
      };
    case "html":
      return {
        status,
        headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
        body: `<!DOCTYPE html><html><head><title>${status} Error</title></head><body><h1>${status} Error</h1><p>The server is unavailable.</p></body></html>`,
      };
    case "empty":
      return { status, headers: { ...headers, "Content-Type": JSON_TYPE, "Content-Length": "0" } };
    case "json": {
      // The token endpoint's errors have OAuth's shape; every other endpoint's have Bolt's.
      const body = TOKEN_PATHS.includes(path)
        ? {
            error: status >= 500 ? "server_error" : "invalid_request",
            error_description: `Injected fault (HTTP ${status}).`,
          }
        : { result: { success: false }, errors: [{ code: status, message: `Injected fault (HTTP ${status}).` }] };
      return { status, headers: { ...headers, "Content-Type": JSON_TYPE }, body: JSON.stringify(body) };
    }
  }
}
