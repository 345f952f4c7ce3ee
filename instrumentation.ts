// Runs once when the server starts. The checks are imported on the Node runtime only, so the Edge
// build never sees `process.exit` or the Redis client. Tracing starts first, so every request after
// start-up is traced (spans made here, outside a request, would be traces of their own).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startTracing } = await import("@/lib/telemetry/start");
    const tracing = await startTracing();
    const { connectKv, exitOnBadEnv, exitOnMissingCspManifest, openLedger, startOrderReconciler, stopGracefully } =
      await import("@/lib/startup");
    const { trackResponses } = await import("@/lib/http/response-header");
    const { trackRequests } = await import("@/lib/lifecycle/requests");
    trackResponses();
    trackRequests();
    exitOnBadEnv();
    if (process.env.NODE_ENV === "production") exitOnMissingCspManifest();
    await Promise.all([connectKv(), openLedger()]);
    stopGracefully(startOrderReconciler(), tracing);
  }
}
