import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** The emulator's exports; anything else would reach into its source. */
const EMULATOR_EXPORTS = ["test-client", "server", "openapi.yaml"];

/** Outside the package, only its exports: a path into its source would bypass them. */
const emulatorSourcePaths = [
  {
    regex: "(^|/)packages/bolt-emulator(/|$)",
    message: "Import the emulator by its package name and exports (bolt-emulator/test-client, …), not by path.",
  },
  {
    regex: `^bolt-emulator(/(?!(${EMULATOR_EXPORTS.map((name) => name.replace(".", "\\.")).join("|")})$).*)?$`,
    message: `The emulator exports only ${EMULATOR_EXPORTS.map((name) => `bolt-emulator/${name}`).join(", ")}.`,
  },
];

/** The storefront reaches the emulator over HTTP only, exactly as it reaches Bolt, so it never imports it. */
const storefrontImportsNoEmulator = {
  regex: "^bolt-emulator(/|$)",
  message: "The storefront talks to the emulator over HTTP, as to Bolt; only tests may import bolt-emulator.",
};

const STOREFRONT = ["app/**", "lib/**", "components/**", "proxy.ts", "instrumentation.ts"];
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "**/testing/**"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      ".test-run/**",
      "bench/out/**",
      ".stryker-tmp/**",
      ".mutation/**",
    ],
  },
  {
    rules: {
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    ignores: ["packages/bolt-emulator/**"],
    rules: { "no-restricted-imports": ["error", { patterns: emulatorSourcePaths }] },
  },
  {
    files: STOREFRONT,
    ignores: TESTS,
    rules: {
      "no-restricted-imports": ["error", { patterns: [storefrontImportsNoEmulator, ...emulatorSourcePaths] }],
    },
  },
];

export default config;
