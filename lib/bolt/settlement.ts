import "server-only";
import * as z from "zod";
import {
  BoltApiError,
  BoltInProgressError,
  BoltMissingFieldError,
  BoltRefusedError,
  type SettlementRefusalReason,
} from "./errors";
import { callBolt, parseBoltBody } from "./http";
import type { BoltTransaction, ReviewDecision, SettlementRequest, TransactionState } from "./types";

// Every answer is reshaped into one `BoltTransaction`, whichever of Bolt's views it is.

const Cents = z.number().int().nonnegative().nullish();
const WireAmount = z.object({ amount: Cents, currency: z.string().max(8).nullish() }).nullish();
const Text = z.string().max(256).nullish();
/** Bolt's spec says 12 characters, its sandbox sends 14 (`4HYC-GXT8-RRC7`). */
const Reference = z.string().trim().min(1).max(64);

/** Bolt's sandbox answers `captures: null` where nothing was captured; the spec an empty list. */
const WireCaptures = z.array(z.object({ amount: WireAmount, status: Text }).nullish()).nullish();

/** `transaction_view`: the capture and void answers, and a refund's `source_transaction`. */
const WirePaymentView = z.object({
  reference: Reference.nullish(),
  type: Text,
  status: Text,
  risk_review_status: Text,
  amount: WireAmount,
  authorization: z.object({ status: Text }).nullish(),
  captures: WireCaptures,
  /** Deprecated for `captures`; read when `captures` is absent. */
  capture: z.object({ amount: WireAmount, status: Text }).nullish(),
  void: z.object({ cause: Text }).nullish(),
});

/** `transaction_details_view`: the GET and review answers and every webhook's `data`. */
export const WireTransaction = WirePaymentView.extend({
  reference: Reference,
  order: z.object({ cart: z.object({ order_reference: Text }).nullish() }).nullish(),
  refunded_amount: WireAmount,
  refund_transactions: z.array(z.object({ amount: WireAmount, status: Text }).nullish()).nullish(),
  source_transaction: WirePaymentView.nullish(),
  void_cause: Text,
});

export type WireTransaction = z.output<typeof WireTransaction>;
type WirePaymentView = z.output<typeof WirePaymentView>;

const REFUND_TYPES = new Set(["cc_credit", "paypal_refund", "apm_refund"]);
const SUCCEEDED = new Set(["succeeded", "completed", undefined, null]);

function stateOf(view: WirePaymentView, voidCause?: string | null): TransactionState {
  const status = view.status ?? "";
  if (view.authorization?.status === "declined" || status === "failed") return "declined";
  if (status === "rejected_irreversible") return "rejected";
  if (status === "cancelled") {
    return (voidCause ?? view.void?.cause) === "irreversible_reject" ? "rejected" : "voided";
  }
  if (status === "rejected_reversible" || view.risk_review_status === "needs_review") return "in_review";
  if (status === "authorized") return "authorized";
  if (status === "completed") return "completed";
  // Bolt's sandbox answers a succeeded authorization `pending` (payments-and-sandbox.md §4).
  if (status === "pending" && view.authorization?.status === "succeeded") return "authorized";
  return "unknown";
}

const sum = (amounts: Array<number | null | undefined>) =>
  amounts.reduce<number>((total, cents) => total + (cents ?? 0), 0);

function capturedOf(view: WirePaymentView): number {
  const captures = view.captures ?? (view.capture ? [view.capture] : []);
  return sum(captures.filter((capture) => capture && SUCCEEDED.has(capture.status)).map((c) => c?.amount?.amount));
}

/** A refund's view speaks of the payment it refunded. */
export function toTransaction(wire: WireTransaction, operation: string): BoltTransaction {
  const orderReference = wire.order?.cart?.order_reference ?? undefined;
  if (REFUND_TYPES.has(wire.type ?? "")) {
    const payment = wire.source_transaction;
    if (!payment?.reference) throw new BoltMissingFieldError(operation, "source_transaction.reference");
    const amountCents = wire.amount?.amount ?? 0;
    return {
      reference: payment.reference,
      orderReference,
      state: stateOf(payment),
      currency: payment.amount?.currency ?? wire.amount?.currency ?? undefined,
      authorizedCents: payment.amount?.amount ?? undefined,
      capturedCents: capturedOf(payment),
      refundedCents: SUCCEEDED.has(wire.status) ? amountCents : 0,
      refund: { reference: wire.reference, amountCents },
    };
  }
  const refunds = wire.refund_transactions?.filter((refund) => refund && SUCCEEDED.has(refund.status)) ?? [];
  return {
    reference: wire.reference,
    orderReference,
    state: stateOf(wire, wire.void_cause),
    currency: wire.amount?.currency ?? undefined,
    authorizedCents: wire.amount?.amount ?? undefined,
    capturedCents: capturedOf(wire),
    refundedCents: wire.refunded_amount?.amount ?? sum(refunds.map((refund) => refund?.amount?.amount)),
  };
}

/** Anything but a plain reference (`..`, `/`, `?`) could change the request path. */
function referenceSegment(operation: string, reference: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(reference))
    throw new BoltRefusedError(`${operation}: not a Bolt reference`, 404, "not_found");
  return reference;
}

const REFUSALS: Record<string, SettlementRefusalReason> = {
  22: "amount_too_high",
  18: "not_allowed",
  2001404: "not_found",
  2001409: "key_reused",
};

/** A 409 says "not yet", not "no". */
function settlementError(error: unknown): unknown {
  if (!(error instanceof BoltApiError) || error.status < 400 || error.status >= 500) return error;
  if (error.status === 409) {
    return new BoltInProgressError(error.message, error.status, error.boltCode, error.detail);
  }
  if (error.status === 401) return error;
  const reason =
    REFUSALS[String(error.boltCode)] ??
    (error.status === 404 ? "not_found" : error.status === 403 ? "not_allowed" : "invalid");
  return new BoltRefusedError(error.message, error.status, reason, error.boltCode, error.detail);
}

async function settle(operation: string, path: `/${string}`, json: Record<string, unknown>, key: string) {
  let body: unknown;
  try {
    body = await callBolt({
      operation,
      method: "POST",
      path,
      json,
      idempotencyKey: key,
      errors: "api",
      budget: "payment",
    });
  } catch (error) {
    throw settlementError(error);
  }
  return toTransaction(parseBoltBody(WireTransaction, body, operation), operation);
}

/** Partial captures allowed, never above what is left. */
export function captureTransaction(request: SettlementRequest, amountCents: number): Promise<BoltTransaction> {
  const { reference, currency, idempotencyKey } = request;
  return settle(
    "captureTransaction",
    "/v1/merchant/transactions/capture",
    { transaction_reference: reference, amount: amountCents, currency },
    idempotencyKey,
  );
}

export function voidTransaction(request: Omit<SettlementRequest, "currency">): Promise<BoltTransaction> {
  return settle(
    "voidTransaction",
    "/v1/merchant/transactions/void",
    { transaction_reference: request.reference },
    request.idempotencyKey,
  );
}

/** The answer is the refund, naming the payment. */
export function refundTransaction(request: SettlementRequest, amountCents: number): Promise<BoltTransaction> {
  const { reference, currency, idempotencyKey } = request;
  return settle(
    "refundTransaction",
    "/v1/merchant/transactions/credit",
    { transaction_reference: reference, amount: amountCents, currency },
    idempotencyKey,
  );
}

export function reviewTransaction(
  request: Omit<SettlementRequest, "currency">,
  decision: ReviewDecision,
): Promise<BoltTransaction> {
  return settle(
    "reviewTransaction",
    "/v1/merchant/transactions/review",
    { transaction_reference: request.reference, decision },
    request.idempotencyKey,
  );
}

/** The truth a webhook's body may lag behind. */
export async function getTransaction(reference: string): Promise<BoltTransaction> {
  const operation = "getTransaction";
  let body: unknown;
  try {
    body = await callBolt({
      operation,
      method: "GET",
      path: `/v1/merchant/transactions/${referenceSegment(operation, reference)}`,
      errors: "api",
      budget: "payment",
    });
  } catch (error) {
    throw settlementError(error);
  }
  return toTransaction(parseBoltBody(WireTransaction, body, operation), operation);
}
