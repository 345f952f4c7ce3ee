import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { REACT_SERVER_MODULES } from "./tests/setup/react-server-modules.mjs";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Server modules run on the React the app gives them (see tests/setup/react-server-modules.mjs). */
const reactServer = Object.entries(REACT_SERVER_MODULES).map(([name, path]) => ({
  find: new RegExp(`^${name}$`),
  replacement: path,
}));

const UNIT = ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"];
/**
 * Unit tests that render pages to HTML with React DOM's server renderer, as `next build` does: that
 * renderer needs React's client build, and the server build above has neither it nor hooks. Nothing
 * they render reads a session, so nothing in them is tainted.
 */
const REACT_DOM = ["lib/catalog/catalog-seam.test.ts"];
/** `.env.test`, as Next would load it, for the code under test that reads the environment. */
const ENV = "tests/setup/env.ts";
/** Unit tests that need a database: each runs on PGlite and on a real Postgres started for the run. */
const DATABASE = ["lib/**/*.db.test.ts"];

export default defineConfig({
  resolve: {
    alias: [
      { find: "@/", replacement: root },
      // Server modules, where `server-only` is its empty build, as under React's server condition.
      {
        find: /^server-only$/,
        replacement: fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
      },
    ],
  },
  test: {
    projects: [
      // The emulator's own tests, by its own config (the project `unit:emulator`).
      "packages/bolt-emulator",
      {
        extends: true,
        resolve: { alias: reactServer },
        test: {
          name: "unit",
          include: UNIT,
          exclude: [...REACT_DOM, ...DATABASE],
          environment: "node",
          setupFiles: [ENV, "tests/setup/react-server.ts"],
        },
      },
      {
        extends: true,
        test: { name: "unit:react-dom", include: REACT_DOM, environment: "node", setupFiles: [ENV] },
      },
      {
        extends: true,
        test: {
          name: "unit:db",
          include: DATABASE,
          environment: "node",
          setupFiles: [ENV],
          globalSetup: ["tests/setup/postgres.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: [ENV],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Each file starts its own instances behind a balancer; one at a time keeps two cores enough.
          name: "cluster",
          include: ["tests/cluster/**/*.test.ts"],
          environment: "node",
          setupFiles: [ENV],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
