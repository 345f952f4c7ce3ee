import "server-only";

/**
 * Runs a start-up check; when it throws the expected error, prints its message (which names the
 * fix) and stops the server, rather than failing the first shopper's request. Anything else throws.
 */
export function exitOn(Expected: new (...args: never[]) => Error, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof Expected)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
