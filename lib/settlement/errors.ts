import type { SettlementRefusalReason } from "@/lib/bolt";

/** Its message can be shown to the merchant as it is. */
export class SettlementError extends Error {
  override name = "SettlementError";
}

/** Nothing happened. `boltMessage` is Bolt's own sentence. */
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

/** Bolt may have done it: sending the same operation again is safe (same Idempotency-Key) and tells. */
export class SettlementUnconfirmedError extends SettlementError {
  override name = "SettlementUnconfirmedError";
}
