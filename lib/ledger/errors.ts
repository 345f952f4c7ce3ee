import { LedgerError } from "@/lib/db/errors";

export { LedgerError, LedgerUnavailableError, SchemaBehindError } from "@/lib/db/errors";

/** The message names the fields, never their values. */
export class InvalidLedgerInputError extends LedgerError {
  override name = "InvalidLedgerInputError";

  constructor(
    what: string,
    readonly fields: readonly string[],
  ) {
    super(`Invalid ${what}: ${fields.join(", ") || "(the value itself)"}.`);
  }
}

export class OrderNotFoundError extends LedgerError {
  override name = "OrderNotFoundError";

  constructor(readonly orderId: string) {
    super(`No order ${orderId}.`);
  }
}
