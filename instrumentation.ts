// Runs once when the server starts. The work lives in Node-only modules, imported only on the
// Node runtime, so the Edge build never sees `process.exit` or the Redis client.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnBadEnv } = await import("@/lib/startup/check-env");
    exitOnBadEnv();
    const { connectSharedStore } = await import("@/lib/startup/connect-store");
    await connectSharedStore();
  }
}
