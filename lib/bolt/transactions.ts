import "server-only";
import * as z from "zod";
import { REFUSED, SETTLED } from "./authorize";
import { BoltApiError, BoltMissingFieldError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import type { Transaction } from "./types";

/** Bolt's spec makes every field of the transaction details nullable. */
const WireTransaction = z.object({
  reference: z.string().trim().max(256).nullish(),
  status: z.string().nullish(),
  risk_review_status: z.string().nullish(),
  authorization: z.object({ status: z.string().nullish() }).nullish(),
  amount: z.object({ amount: z.number().int().nullish() }).nullish(),
});

/**
 * The card's answer decides, as for authorize; a transaction with neither a card answer nor a final
 * status is still being worked on (`created`, `in_progress`, a `pending` not held for review).
 */
function stateOf(wire: z.output<typeof WireTransaction>): Transaction["state"] {
  const card = wire.authorization?.status;
  const status = wire.status ?? "";
  const held = wire.risk_review_status === "needs_review";
  if (card === "declined" || card === "error" || REFUSED.has(status)) return "declined";
  if (card === "succeeded" || SETTLED.has(status)) return held ? "in_review" : "authorized";
  return status === "pending" && held ? "in_review" : "pending";
}

/** `getTransactionDetails`: the transaction as Bolt holds it now. A GET, so retried within the timeout. */
export async function getTransaction(reference: string): Promise<Transaction> {
  // A reference is printed dashed by Bolt's sandbox; anything else could change the request path.
  if (!/^[\w-]{1,64}$/.test(reference)) throw new BoltApiError("getTransaction: not a transaction reference", 404);
  const operation = "getTransaction";
  const body = await callBolt({
    operation,
    method: "GET",
    path: `/v1/merchant/transactions/${reference}`,
    errors: "api",
  });
  const wire = parseBoltBody(WireTransaction, body, operation);
  if (!wire.reference) throw new BoltMissingFieldError(operation, "reference");
  return { reference: wire.reference, state: stateOf(wire), amount: wire.amount?.amount ?? undefined };
}
