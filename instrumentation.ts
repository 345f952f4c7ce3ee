// Runs once when the server starts. The checks are imported on the Node runtime only, so the Edge
// build never sees `process.exit` or the Redis client.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { connectKv, exitOnBadEnv, exitOnMissingCspManifest, openLedger } = await import("@/lib/startup");
    exitOnBadEnv();
    if (process.env.NODE_ENV === "production") exitOnMissingCspManifest();
    await Promise.all([connectKv(), openLedger()]);
  }
}
