import { DrizzleQueryError } from "drizzle-orm/errors";
import { inSpan, SpanKind } from "@/lib/telemetry/spans";

/** Anything else from a driver is wrapped. */
export class LedgerError extends Error {
  override name = "LedgerError";
}

/** Nothing was written by the failed call, so a caller can say "try again, nothing was charged". */
export class LedgerUnavailableError extends LedgerError {
  override name = "LedgerUnavailableError";

  constructor(operation: string, options?: ErrorOptions) {
    super(`The order ledger could not ${operation}: the database failed or did not answer.`, options);
  }
}

/** A server's schema is older than this code: its migrations are applied by a deploy step, never implicitly. */
export class SchemaBehindError extends LedgerError {
  override name = "SchemaBehindError";

  constructor(readonly pending: readonly string[]) {
    super(
      `The database schema is ${pending.length} migration(s) behind this code (${pending.join(", ")}). ` +
        "Run `npm run db:migrate` with the same DATABASE_URL, then start the storefront again.",
    );
  }
}

/** Any driver or connection failure becomes a LedgerUnavailableError. */
export function guarded<T>(operation: string, run: () => Promise<T>): Promise<T> {
  const attributes = { "db.system.name": "postgresql", "ledger.operation": operation };
  return inSpan(`ledger ${operation}`, { kind: SpanKind.CLIENT, attributes }, async () => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof LedgerError) throw error;
      // Drizzle's wrapper puts the query's parameters (emails, addresses) in its message: keep the driver's error only.
      const cause = error instanceof DrizzleQueryError && error.cause ? error.cause : error;
      throw new LedgerUnavailableError(operation, { cause });
    }
  });
}
