// `npm run emulator`: the Bolt emulator as its own process, configured from BOLT_EMULATOR_* variables.
import { EmulatorConfigError } from "./http/errors";
import { startEmulator, type RunningEmulator } from "./server";
import { SEED_SUMMARY } from "./store/seeds";

function banner(running: RunningEmulator): string {
  const { settings, url } = running;
  return [
    "",
    `  Bolt emulator listening on ${url}  (port ${settings.port}, all interfaces)`,
    settings.profile === "sandbox"
      ? "  Profile: sandbox (answers in the shapes Bolt's real sandbox was recorded giving)"
      : "  Profile: spec (answers as Bolt's v1 OpenAPI document describes)",
    "",
    "  Seeded shoppers (state is in memory; a restart resets it):",
    ...SEED_SUMMARY.map(({ email, has }) => `    ${email.padEnd(20)} ${has}`),
    "",
    `  One-time code for every shopper: ${settings.otp}`,
    "",
    "  Test cards for the payment field (any future expiry, any CVV):",
    "    4111 1111 1111 1004  approved      4000 0000 0000 0002  declined",
    "    4000 0000 0000 0127  fails the CVV check",
    "",
    "  Sandbox credentials:",
    `    publishable key  ${settings.publishableKey}`,
    `    API key          ${settings.apiKey}`,
    `    division id      ${settings.divisionId}`,
    `    signing secret   ${settings.signingSecret}  (webhooks' X-Bolt-Hmac-Sha256)`,
    "",
    settings.webhookUrls.length
      ? `  Webhooks for every event: ${settings.webhookUrls.join(", ")}`
      : "  Webhooks: none yet (POST /v1/webhooks, or BOLT_EMULATOR_WEBHOOK_URLS)",
    "",
    `  embed.js: ${url}/embed.js   discovery: ${url}/.well-known/openid-configuration`,
    running.assetsUrl ? `  login modal and its images (Bolt's account host): ${running.assetsUrl}` : "",
    settings.faults.length ? `  Fault rules from BOLT_EMULATOR_FAULTS: ${settings.faults.length}` : "",
    "",
  ]
    .filter((line, index, lines) => line !== "" || lines[index - 1] !== "")
    .join("\n");
}

try {
  const running = await startEmulator({ env: process.env });
  console.info(banner(running));
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void running.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  if (error instanceof EmulatorConfigError) console.error(error.message);
  else if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
    console.error(
      "The Bolt emulator's port (or, in the sandbox profile, the next one, for its second origin) is already in use. " +
        "Stop the other process, or set BOLT_EMULATOR_PORT (and BOLT_EMULATOR_ASSETS_PORT).",
    );
  } else console.error(error);
  process.exit(1);
}
