import { JsonHttpError } from "../http/errors";
import { empty, json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody } from "../http/validate";
import type { Emulator } from "../state";
import { assetsOrigin } from "./assets-origin";
import { TokenizeFaultSchema } from "./tokenize-faults";

/** Where the browser pieces come from: embed.js's connect origin, and the sandbox profile's second origin. */
function origins(_request: ApiRequest, emulator: Emulator): Reply {
  const { issuer, assetsPort } = emulator;
  return json(200, { connect: issuer, assets: assetsPort === undefined ? null : assetsOrigin(issuer, assetsPort) });
}

/** Makes the next tokenizations that reach Bolt's tokenizer fail as asked (`tokenize()` rejects, or resolves to an Error). */
function addTokenizeFault(request: ApiRequest, emulator: Emulator): Reply {
  const fault = parseJsonBody(
    TokenizeFaultSchema,
    request.body,
    (message) => new JsonHttpError(400, { error: "invalid_request", message }),
  );
  return json(201, { pending: emulator.state.tokenizeFaults.add(fault) });
}

/** Test hooks for Bolt's browser pieces (loopback only, like every `/__emulator/` route). */
export const hookRoutes: Route[] = [
  { method: "GET", pattern: "/__emulator/origins", kind: "admin", handler: origins },
  { method: "POST", pattern: "/__emulator/tokenize-faults", kind: "admin", handler: addTokenizeFault },
  {
    method: "DELETE",
    pattern: "/__emulator/tokenize-faults",
    kind: "admin",
    handler: (_request, emulator) => {
      emulator.state.tokenizeFaults.clear();
      return empty();
    },
  },
];
