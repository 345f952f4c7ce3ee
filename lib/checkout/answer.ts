import {
  BoltApiError,
  BoltCardTokenError,
  BoltDeclinedError,
  BoltError,
  BoltProcessorError,
  type Authorization,
  type DeclineReason,
  type BoltTransaction,
} from "@/lib/bolt";
import type { Answer } from "@/lib/ledger";

export type RefusalReason = DeclineReason | "processor_error" | "card_token" | "refused";

export type SendResult = { ok: true; authorization: Authorization } | { ok: false; error: unknown };

export type Learned = {
  answer: Answer;
  /** Set when Bolt refused the payment for good. */
  refusal?: RefusalReason;
};

/**
 * Only Bolt's explicit refusal ends an order: a decline or a processor error (Bolt replays either to
 * the same key), and on the first send a spent card token or another 4xx. Anything else may hide a
 * charge and leaves the order unconfirmed, to be resent under the same key: a timeout, a 5xx, a 409,
 * a 401/403, an unreadable answer, and on a resend a spent token or a 4xx (the first send may have paid).
 */
export function learnedFrom(
  result: SendResult,
  { resend, order }: { resend: boolean; order: { id: string; totalCents: number } },
): Learned {
  if (result.ok) return { answer: paid(result.authorization, order) };
  const { error } = result;
  if (error instanceof BoltDeclinedError) return refused(error.reason, error);
  if (error instanceof BoltProcessorError) return refused("processor_error", error);
  if (!resend && error instanceof BoltCardTokenError) return refused("card_token", error);
  if (!resend && error instanceof BoltApiError && isRequestRefusal(error.status)) return refused("refused", error);
  return { answer: { kind: "unconfirmed", reason: unconfirmedReason(error) } };
}

/** A payment that has moved on was authorized or in review first; settlement's sync applies the rest. */
export function learnedFromTransaction(transaction: BoltTransaction, totalCents: number): Answer {
  const { reference, state, authorizedCents } = transaction;
  if (state === "declined") return { kind: "declined", reason: "Bolt's transaction says it was declined" };
  if (state === "unknown") return { kind: "unconfirmed", reason: "Bolt's transaction is still being decided" };
  const kind = state === "in_review" || state === "rejected" ? "in_review" : "authorized";
  return { kind, boltReference: reference, amountCents: authorizedCents ?? totalCents };
}

/** Bolt's spec requires neither a reference nor an amount: the order number, else our id, stands in. */
function paid(authorization: Authorization, order: { id: string; totalCents: number }): Answer {
  const orderNumber = fitting(authorization.orderId);
  return {
    kind: authorization.status === "in_review" ? "in_review" : "authorized",
    boltReference: fitting(authorization.transactionReference) ?? orderNumber ?? order.id,
    boltOrderNumber: orderNumber,
    amountCents: authorization.amount ?? order.totalCents,
    ...(authorization.accountCreated ? { accountCreated: true } : {}),
    ...(authorization.network ? { cardNetwork: authorization.network.slice(0, 32) } : {}),
  };
}

function fitting(name: string | undefined): string | undefined {
  return name && name.length <= 64 ? name : undefined;
}

function refused(refusal: RefusalReason, error: BoltError): Learned {
  const code = error.boltCode === undefined ? "" : ` (${String(error.boltCode).slice(0, 64)})`;
  return { answer: { kind: "declined", reason: `${refusal}${code}` }, refusal };
}

/** 401/403 refuse the caller, not the payment; 409 is Bolt still working on the same key. */
function isRequestRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 409;
}

function unconfirmedReason(error: unknown): string {
  if (error instanceof BoltError) return `${error.name} ${error.status}`;
  return error instanceof Error ? `${error.name}: no answer known` : "no answer known";
}
