// Runs once when the server starts. The work lives in Node-only modules, imported only on the
// Node runtime, so the Edge build never sees `process.exit` or the Redis client.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnBadEnv } = await import("@/lib/startup/check-env");
    exitOnBadEnv();
    if (process.env.NODE_ENV === "production") {
      const { exitOnMissingCspManifest } = await import("@/lib/startup/check-build");
      exitOnMissingCspManifest();
    }
    const { connectKv } = await import("@/lib/startup/connect-kv");
    await connectKv();
  }
}
