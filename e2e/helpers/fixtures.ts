import { test as base } from "@playwright/test";
import { EmulatorTestClient, SANDBOX_CREDENTIALS } from "bolt-emulator/test-client";
import { TEST_EMULATOR_URL } from "../../scripts/ports.mjs";

export { expect } from "@playwright/test";

/** Which of Bolt's shapes the project's emulator answers in (packages/bolt-emulator/README.md, "Profiles"). */
export type Profile = "spec" | "sandbox";

export type EmulatorOptions = { emulatorUrl: string; profile: Profile };

/**
 * `test` with the emulator the project's storefront talks to (the projects in playwright.config.ts):
 * `bolt`, the typed client for its test API, its `profile`, for the few answers that differ, and
 * `tokenPath`, where its discovery document sends token requests (`/v3/oauth/token` in the sandbox profile).
 */
export const test = base.extend<object, EmulatorOptions & { bolt: EmulatorTestClient; tokenPath: string }>({
  emulatorUrl: [TEST_EMULATOR_URL, { option: true, scope: "worker" }],
  profile: ["spec", { option: true, scope: "worker" }],
  bolt: [
    async ({ emulatorUrl }, use) => use(new EmulatorTestClient(emulatorUrl, SANDBOX_CREDENTIALS)),
    { scope: "worker" },
  ],
  tokenPath: [
    async ({ emulatorUrl }, use) => {
      const discovery = (await (await fetch(`${emulatorUrl}/.well-known/openid-configuration`)).json()) as {
        token_endpoint: string;
      };
      await use(new URL(discovery.token_endpoint).pathname);
    },
    { scope: "worker" },
  ],
});
