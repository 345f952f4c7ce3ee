import "server-only";
import { EnvError, getEnv } from "@/lib/env";

/**
 * Stops the server at start-up when a variable is missing or malformed, printing a message that
 * names each one, rather than failing the first shopper's request.
 */
export function exitOnBadEnv(): void {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
