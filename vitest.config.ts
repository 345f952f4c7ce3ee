import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

const UNIT = ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"];
/** `.env.test`, as Next would load it, for the code under test that reads the environment. */
export const ENV = "tests/setup/env.ts";
/** Unit tests that need a database: each runs on PGlite and on a real Postgres started for the run. */
export const DATABASE = ["lib/**/*.db.test.ts"];

export const resolve = {
  alias: [
    { find: "@/", replacement: root },
    // Server modules, where `server-only` is its empty build, as under React's server condition.
    {
      find: /^server-only$/,
      replacement: fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
    },
  ],
};

export default defineConfig({
  resolve,
  test: {
    projects: [
      // The emulator's own tests, by its own config (the project `unit:emulator`).
      "packages/bolt-emulator",
      {
        extends: true,
        test: { name: "unit", include: UNIT, exclude: DATABASE, environment: "node", setupFiles: [ENV] },
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
