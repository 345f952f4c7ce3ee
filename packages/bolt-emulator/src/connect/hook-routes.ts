import { json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import type { Emulator } from "../state";
import { assetsOrigin } from "./assets-origin";

/** Where the browser pieces come from: embed.js's connect origin, and the sandbox profile's second origin. */
function origins(_request: ApiRequest, emulator: Emulator): Reply {
  const { issuer, assetsPort } = emulator;
  return json(200, { connect: issuer, assets: assetsPort === undefined ? null : assetsOrigin(issuer, assetsPort) });
}

/** Test hooks for Bolt's browser pieces (loopback only, like every `/__emulator/` route). */
export const hookRoutes: Route[] = [{ method: "GET", pattern: "/__emulator/origins", kind: "admin", handler: origins }];
