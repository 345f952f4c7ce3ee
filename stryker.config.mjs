// `npm run mutation`: StrykerJS mutates the money path (lib/checkout/, lib/ledger/) and runs its unit
// tests (vitest.mutation.config.ts) against each mutant; a mutant no test notices is a gap in them.
// Not part of `npm test`: a full run takes about half an hour on two cores. Incremental: a
// run reuses the results of the last one (.mutation/incremental.json) for code and tests unchanged.
// scripts/mutation-report.mjs then writes the scores into docs/mutation.md.

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["lib/checkout/**/*.ts", "lib/ledger/**/*.ts", "!**/*.test.ts", "!**/testing/**"],
  coverageAnalysis: "perTest",
  // A static mutant (a module-level constant) reruns every test file, the database ones included: they
  // were a fifth of the mutants and most of a four-hour run. They are counted as ignored in the report.
  ignoreStatic: true,
  // Two cores, shared: one test runner each at most.
  concurrency: 2,
  incremental: true,
  incrementalFile: ".mutation/incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: ".mutation/report.html" },
  jsonReporter: { fileName: ".mutation/report.json" },
  thresholds: { high: 90, low: 85, break: null },
  // A mutant that loops, or waits on a lock that never frees, is killed by the timeout.
  timeoutMS: 20_000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};

export default config;
