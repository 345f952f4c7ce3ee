import { readFileSync } from "node:fs";
import * as z from "zod";

// The emulator's documented sandbox values: public test values only the emulator accepts. The
// credentials live in lib/ because the storefront defaults to them in development and must never
// import from emulator/; the emulator reads the same file.

export const SandboxCredentialsSchema = z.object({
  publishableKey: z.string(),
  apiKey: z.string(),
  divisionId: z.string(),
});

export type SandboxCredentials = z.infer<typeof SandboxCredentialsSchema>;

export const SANDBOX_CREDENTIALS: SandboxCredentials = SandboxCredentialsSchema.parse(
  JSON.parse(readFileSync(new URL("../lib/sandbox-credentials.json", import.meta.url), "utf8")),
);

/** Every shopper's one-time code unless BOLT_EMULATOR_OTP says otherwise. */
export const SANDBOX_OTP = "123456";
