import { defineConfig } from "vitest/config";

// The emulator's own tests; each file starts its own emulator on a free port. Named `unit:…` so the
// storefront's `vitest run --project 'unit*'` runs them too.
export default defineConfig({
  test: {
    name: "unit:emulator",
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
