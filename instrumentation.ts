// Runs once when the server starts. The checks are imported on the Node runtime only, so the Edge
// build never sees `process.exit` or the Redis client.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { connectKv, exitOnBadEnv, exitOnMissingCspManifest, openLedger, startOrderReconciler } =
      await import("@/lib/startup");
    const { trackResponses } = await import("@/lib/http/response-header");
    trackResponses();
    exitOnBadEnv();
    if (process.env.NODE_ENV === "production") exitOnMissingCspManifest();
    await Promise.all([connectKv(), openLedger()]);
    startOrderReconciler();
  }
}
