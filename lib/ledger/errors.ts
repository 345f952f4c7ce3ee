import { LedgerError } from "@/lib/db/errors";

export { LedgerError, LedgerUnavailableError, SchemaBehindError } from "@/lib/db/errors";

/** A caller passed the ledger something it cannot record; the message names the fields, never their values. */
export class InvalidLedgerInputError extends LedgerError {
  override name = "InvalidLedgerInputError";

  constructor(
    what: string,
    readonly fields: readonly string[],
  ) {
    super(`Invalid ${what}: ${fields.join(", ") || "(the value itself)"}.`);
  }
}

/** No order has this id. */
export class OrderNotFoundError extends LedgerError {
  override name = "OrderNotFoundError";

  constructor(readonly orderId: string) {
    super(`No order ${orderId}.`);
  }
}
