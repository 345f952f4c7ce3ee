// Runs once when the server starts. The check lives in a Node-only module, imported only on the
// Node runtime, so the Edge build never sees `process.exit`.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnBadEnv } = await import("@/lib/startup/check-env");
    exitOnBadEnv();
  }
}
