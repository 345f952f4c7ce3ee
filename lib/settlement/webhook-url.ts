/** Where the storefront receives Bolt's webhooks (app/api/bolt/webhooks/route.ts). */
export const WEBHOOK_PATH = "/api/bolt/webhooks";

/**
 * The URL to register with Bolt: on APP_ORIGIN, the store's public origin, or on this machine's
 * `localhost:PORT` when APP_ORIGIN is unset (development with the emulator).
 */
export function webhookUrlFor(appOrigin: string | undefined, port: string | undefined): string {
  return `${appOrigin ?? `http://localhost:${port || "3000"}`}${WEBHOOK_PATH}`;
}
