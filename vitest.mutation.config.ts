import { defineConfig } from "vitest/config";
import { DATABASE, ENV, resolve } from "./vitest.config";

// The unit tests of the money path, for `npm run mutation` (stryker.config.mjs): what Stryker runs
// against each mutant of lib/checkout/ and lib/ledger/. The ledger's database tests run on PGlite
// only here (`npm test` runs them on Postgres too): each mutant reruns them, each test file opens its
// databases again, and Postgres would double a run that already takes the better part of an hour.

const MONEY_PATH = ["lib/checkout/**/*.test.ts", "lib/ledger/**/*.test.ts", "lib/shopper/**/*.test.ts"];

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        extends: true,
        test: { name: "mutation", include: MONEY_PATH, exclude: DATABASE, environment: "node", setupFiles: [ENV] },
      },
      {
        extends: true,
        test: {
          name: "mutation:db",
          include: MONEY_PATH.map((glob) => glob.replace(/\.test\.ts$/, ".db.test.ts")),
          // A Postgres server stopped mid-run: what it checks is lib/db's error wrapping, outside the mutated code.
          exclude: ["lib/ledger/unavailable.db.test.ts"],
          environment: "node",
          setupFiles: [ENV],
          env: { TEST_DATABASES: "PGlite" },
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
