// The emulator's documented sandbox values: public test values only the emulator accepts. The
// storefront's `.env.development` and `.env.test` carry the same keys, as a merchant's env carries
// Bolt's.

export type SandboxCredentials = {
  publishableKey: string;
  apiKey: string;
  divisionId: string;
};

export const SANDBOX_CREDENTIALS: SandboxCredentials = {
  publishableKey: "emuDivision01.emulatorSandbox.pkDemoStorefront",
  apiKey: "emu_sandbox_api_key_4f9c2d7e8a1b3c5d6e7f8091a2b3c4d5",
  divisionId: "emuDivision01",
};

/** Every shopper's one-time code unless BOLT_EMULATOR_OTP says otherwise. */
export const SANDBOX_OTP = "123456";

/**
 * The key the emulator signs webhooks with unless BOLT_EMULATOR_SIGNING_SECRET says otherwise. The
 * storefront's `.env.development` and `.env.test` carry it as BOLT_SIGNING_SECRET.
 */
export const SANDBOX_SIGNING_SECRET = "emu_signing_secret_dev_0123456789abcdef";
