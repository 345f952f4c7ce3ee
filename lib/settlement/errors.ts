import type { SettlementRefusalReason } from "@/lib/bolt";

/** Base of what a merchant action throws on purpose; its message can be shown to the merchant as it is. */
export class SettlementError extends Error {
  override name = "SettlementError";
}

/**
 * Nothing happened: Bolt refused the request (a refund above what was captured, a void after a
 * capture), or the order has no payment to act on (`no_payment`). `boltMessage` is Bolt's own sentence.
 */
export class SettlementRefusedError extends SettlementError {
  override name = "SettlementRefusedError";

  constructor(
    message: string,
    readonly reason: SettlementRefusalReason | "no_payment",
    readonly boltMessage?: string,
  ) {
    super(message);
  }
}

/**
 * Bolt did not answer in time, could not be reached, or is still working on the same request. It may
 * have done it: sending the same operation again is safe (same Idempotency-Key) and tells.
 */
export class SettlementUnconfirmedError extends SettlementError {
  override name = "SettlementUnconfirmedError";
}
