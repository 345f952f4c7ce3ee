import Module from "node:module";
import { REACT_SERVER_MODULES } from "./react-server-modules.mjs";

// Node's own `require` inside Next's compiled Flight server (`require("react")`, `require("react-dom")`)
// must reach the same React the tests' imports do, or a value tainted in one copy would go unseen by
// the other. Next installs the same kind of hook for its server at run time.
type Resolve = (request: string, ...rest: unknown[]) => string;
const resolver = Module as unknown as { _resolveFilename: Resolve };
const original = resolver._resolveFilename;
resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return REACT_SERVER_MODULES[request] ?? original.call(this, request, ...rest);
};
