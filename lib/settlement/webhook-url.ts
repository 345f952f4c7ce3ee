export const WEBHOOK_PATH = "/api/bolt/webhooks";

/** On `localhost:PORT` when APP_ORIGIN is unset (development with the emulator). */
export function webhookUrlFor(appOrigin: string | undefined, port: string | undefined): string {
  return `${appOrigin ?? `http://localhost:${port || "3000"}`}${WEBHOOK_PATH}`;
}
