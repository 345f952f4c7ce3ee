import { fileURLToPath } from "node:url";

/** @param {string} path */
const compiled = (path) => fileURLToPath(new URL(`../../node_modules/next/dist/compiled/${path}`, import.meta.url));

/**
 * The React that server modules (Server Components, server actions, the lib/ code they call) run on
 * in this app: the server build of React's experimental channel, which Next ships and uses once
 * `experimental.taint` is on, in its production build, as `next start` runs it. (Development builds
 * add debug rows to the payload, with values awaited while rendering; production sends none.)
 */
const REACT = compiled("react-experimental/cjs/react.react-server.production.js");

/** @type {Record<string, string>} */
export const REACT_SERVER_MODULES = {
  react: REACT,
  // How Next's compiled react-dom names React.
  "next/dist/compiled/react-experimental": REACT,
  "react/jsx-runtime": compiled("react-experimental/cjs/react-jsx-runtime.react-server.production.js"),
  "react/jsx-dev-runtime": compiled("react-experimental/cjs/react-jsx-dev-runtime.react-server.production.js"),
  "react-dom": compiled("react-dom-experimental/cjs/react-dom.react-server.production.js"),
};

/** Next's Flight server (what serializes a page or an action's answer), on that same React. */
export const FLIGHT_SERVER = compiled(
  "react-server-dom-webpack-experimental/cjs/react-server-dom-webpack-server.node.production.js",
);
