import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { REACT_SERVER_MODULES } from "./tests/setup/react-server-modules.mjs";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: "@/", replacement: root },
      // Server modules, where `server-only` is its empty build, as under React's server condition.
      {
        find: /^server-only$/,
        replacement: fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
      },
      // ...and the React they run on in the app (see tests/setup/react-server-modules.ts).
      ...Object.entries(REACT_SERVER_MODULES).map(([name, path]) => ({
        find: new RegExp(`^${name}$`),
        replacement: path,
      })),
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "emulator/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/react-server.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
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
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
