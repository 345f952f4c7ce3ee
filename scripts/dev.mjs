#!/usr/bin/env node
// `npm run dev`: the Bolt emulator and the storefront side by side, with one banner and one Ctrl-C.
import nextEnv from "@next/env";
import { DEV_APP_PORT, DEV_EMULATOR_PORT } from "./ports.mjs";
import { assertPortFree, startProcess, stopAll, waitForUrl } from "./processes.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// The same `.env` files Next reads, so the runner knows whether the shopper points at Bolt or the emulator.
nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

const emulatorUrl = `http://localhost:${DEV_EMULATOR_PORT}`;
// The emulator's second origin (its sandbox profile serves the login modal there), which the storefront allows.
const assetsPort = String(DEV_EMULATOR_PORT + 1);
const appUrl = `http://localhost:${DEV_APP_PORT}`;
const usesEmulator = !process.env.BOLT_API_URL || process.env.BOLT_API_URL.replace(/\/$/, "") === emulatorUrl;

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.info("\nStopping…");
  await stopAll();
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

try {
  await assertPortFree(DEV_APP_PORT, "the storefront (set PORT to use another)");
  if (usesEmulator) {
    await assertPortFree(DEV_EMULATOR_PORT, "the Bolt emulator (set BOLT_EMULATOR_PORT to use another)");
    startProcess(
      "emulator",
      "npx",
      ["--no", "bolt-emulator"],
      {
        BOLT_EMULATOR_PORT: String(DEV_EMULATOR_PORT),
        // Every event goes to the storefront, signed with the secret it verifies with: nothing to set up.
        BOLT_EMULATOR_WEBHOOK_URLS: `${appUrl}/api/bolt/webhooks`,
        ...(process.env.BOLT_SIGNING_SECRET ? { BOLT_EMULATOR_SIGNING_SECRET: process.env.BOLT_SIGNING_SECRET } : {}),
        BOLT_EMULATOR_ASSETS_PORT: assetsPort,
      },
      { onExit: (code) => shutdown(code ?? 1) },
    );
    await waitForUrl(`${emulatorUrl}/.well-known/openid-configuration`, 60_000);
  }
  const boltDefaults = usesEmulator
    ? {
        BOLT_API_URL: emulatorUrl,
        BOLT_CONNECT_URL: emulatorUrl,
        BOLT_ACCOUNT_URL: `http://localhost:${assetsPort}`,
      }
    : {};
  startProcess("storefront", "npx", ["next", "dev", "-p", String(DEV_APP_PORT)], boltDefaults, {
    onExit: (code) => shutdown(code ?? 1),
  });
  await waitForUrl(`${appUrl}/api/health`, 180_000);
  printBanner();
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

function printBanner() {
  const lines = [
    "",
    "  Bolt one-click checkout demo is running",
    "",
    `  Storefront     ${appUrl}`,
    `  Order desk     ${appUrl}/admin (the demo password is admin-demo-password, unless .env.local sets another)`,
    usesEmulator ? `  Bolt emulator  ${emulatorUrl}` : `  Bolt API       ${process.env.BOLT_API_URL}`,
  ];
  if (usesEmulator) {
    lines.push(
      "",
      "  Sign in at checkout with a demo shopper; the one-time code is 123456.",
      "    alice@example.com   2 addresses, 5 cards (Visa default; Amex expired; Discover always declines; Visa …1881 held for review)",
      "    bob@example.com     1 address, no card",
      "    carol@example.com   no address, no card",
      "    nobody@example.com  no Bolt account (guest checkout)",
      "",
      "  Or pay as a guest with any new email and the test card 4111 1111 1111 1004 (any future expiry, any",
      '  CVV), keep "Save my details with Bolt" ticked, and next time that email pays in one click.',
    );
  }
  lines.push("", "  Press Ctrl-C to stop both.", "");
  console.info(lines.join("\n"));
}
