import "server-only";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import * as z from "zod";
import {
  BoltInProgressError,
  BoltRefusedError,
  BoltTimeoutError,
  BoltUnavailableError,
  captureTransaction,
  refundTransaction,
  reviewTransaction,
  voidTransaction,
  type BoltTransaction,
} from "@/lib/bolt";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { UNTIMED, type BoltWait } from "@/lib/http/server-timing";
import { applyTransaction, transactionEventKey, type Order } from "@/lib/ledger";
import { SettlementRefusedError, SettlementUnconfirmedError } from "./errors";

// Each action records Bolt's answer as one `merchant` event; Bolt's webhook about the same change is
// an event of its own, and whichever comes second moves nothing.

export type MerchantAction = "capture" | "void" | "refund" | "approve" | "reject";

/**
 * `operation` (`operationNonce`) goes into the Idempotency-Key, so a double click, or two merchants
 * submitting the same action on the same view of the order, reach Bolt as one request.
 * `timing`: the desk's Server-Timing, which counts the wait on Bolt (409 waits included) apart.
 */
export type ActionOptions = { operation: string; timing?: BoltWait };

export type ActionResult = {
  order: Order;
  /** False when Bolt's webhook got there first, or the action changed amounts only. */
  moved: boolean;
};

const Operation = z.string().trim().min(8).max(128);
const Amount = z.number().int().min(1).max(2_147_483_647);
const Reason = z.string().trim().max(500);

/** Bolt answers a request whose twin is still running with 409; the first may still succeed. */
const IN_PROGRESS_WAITS_MS = [250, 500, 1000, 2000];

/**
 * The same for everyone looking at the same state of the order, new once anything changed: a second
 * partial refund made on purpose, after the first shows, is a new request.
 */
export function operationNonce(order: Pick<Order, "id" | "status" | "capturedCents" | "refundedCents" | "updatedAt">) {
  const state = [order.id, order.status, order.capturedCents, order.refundedCents, order.updatedAt.getTime()];
  return createHash("sha256").update(state.join(":")).digest("base64url").slice(0, 22);
}

function idempotencyKey(orderId: string, action: MerchantAction, amount: number | undefined, operation: string) {
  const nonce = Operation.safeParse(operation);
  if (!nonce.success) throw new SettlementRefusedError("The form carries no valid operation nonce.", "invalid");
  const digest = createHash("sha256")
    .update([orderId, action, amount ?? "", nonce.data].join(":"))
    .digest("base64url");
  return `${action}-${orderId}-${digest.slice(0, 32)}`;
}

/** The order as the desk just read it, for the amounts left and the Idempotency-Key. */
function paidOrder(order: Order): Order & { boltReference: string } {
  const { boltReference } = order;
  if (!boltReference) {
    throw new SettlementRefusedError(`Order ${order.id} has no payment at Bolt yet.`, "no_payment");
  }
  return { ...order, boltReference };
}

/** Sends one request, waiting out Bolt's 409 for a twin in flight; maps Bolt's failures to the desk's. */
function send(request: () => Promise<BoltTransaction>, timing: BoltWait = UNTIMED): Promise<BoltTransaction> {
  return timing.bolt(() => sendWaitingOutTwins(request));
}

async function sendWaitingOutTwins(request: () => Promise<BoltTransaction>): Promise<BoltTransaction> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const wait = IN_PROGRESS_WAITS_MS[attempt];
      if (error instanceof BoltInProgressError && wait !== undefined) {
        await sleep(wait);
        continue;
      }
      if (error instanceof BoltRefusedError) {
        throw new SettlementRefusedError(
          `Bolt refused it: ${error.detail ?? error.message}`,
          error.reason,
          error.detail,
        );
      }
      if (
        error instanceof BoltInProgressError ||
        error instanceof BoltTimeoutError ||
        error instanceof BoltUnavailableError
      ) {
        throw new SettlementUnconfirmedError(
          "Bolt did not confirm it in time. It may have gone through: send the same action again to find out.",
          { cause: error },
        );
      }
      throw error;
    }
  }
}

async function record(
  order: Order,
  view: BoltTransaction,
  eventType: string,
  note: Record<string, string> = {},
): Promise<ActionResult> {
  const applied = await applyTransaction(await getDatabase(), order.id, view, {
    source: "merchant",
    eventType,
    // Once however often it is sent; Bolt's webhook keeps its own key.
    dedupeKey: `merchant:${transactionEventKey(eventType, view)}`,
    note,
    // One statement unless Bolt's webhook about the same change got there first.
    seen: order,
  });
  return { order: applied.order, moved: applied.moved };
}

/** `amountCents` undefined: all that is left of the authorization, by the ledger. */
export async function captureOrder(
  seen: Order,
  amountCents: number | undefined,
  { operation, timing }: ActionOptions,
): Promise<ActionResult> {
  const order = paidOrder(seen);
  const left = (order.authorizedCents || order.totalCents) - order.capturedCents;
  const amount = Amount.safeParse(amountCents ?? left);
  if (!amount.success) {
    throw new SettlementRefusedError(`Order ${order.id} has nothing left to capture.`, "amount_too_high");
  }
  const key = idempotencyKey(order.id, "capture", amount.data, operation);
  const request = { reference: order.boltReference, currency: order.currency, idempotencyKey: key };
  const view = await send(() => captureTransaction(request, amount.data), timing);
  return record(order, view, "capture");
}

/** Releases the authorization of an order nothing was captured from (a cancelled order). */
export async function voidOrder(seen: Order, { operation, timing }: ActionOptions): Promise<ActionResult> {
  const order = paidOrder(seen);
  const key = idempotencyKey(order.id, "void", undefined, operation);
  const view = await send(() => voidTransaction({ reference: order.boltReference, idempotencyKey: key }), timing);
  return record(order, view, "void");
}

/** `reason` goes into the order's timeline. */
export async function refundOrder(
  seen: Order,
  amountCents: number,
  reason: string,
  { operation, timing }: ActionOptions,
): Promise<ActionResult> {
  const order = paidOrder(seen);
  const amount = Amount.safeParse(amountCents);
  if (!amount.success) throw new SettlementRefusedError("A refund is a whole number of cents, at least 1.", "invalid");
  const why = Reason.safeParse(reason);
  if (!why.success) throw new SettlementRefusedError("A refund's reason is at most 500 characters.", "invalid");
  const key = idempotencyKey(order.id, "refund", amount.data, operation);
  const request = { reference: order.boltReference, currency: order.currency, idempotencyKey: key };
  const view = await send(() => refundTransaction(request, amount.data), timing);
  return record(order, view, "credit", why.data ? { reason: why.data } : {});
}

/** Approves a payment Bolt holds for review; with `auto_capture` Bolt captures it at once. */
export async function approveOrder(seen: Order, { operation, timing }: ActionOptions): Promise<ActionResult> {
  const order = paidOrder(seen);
  const key = idempotencyKey(order.id, "approve", undefined, operation);
  const view = await send(
    () => reviewTransaction({ reference: order.boltReference, idempotencyKey: key }, "approve"),
    timing,
  );
  // Named as Bolt's own webhook for the same change: `payment` (captured at once) or `auth`.
  return record(order, view, view.capturedCents > 0 ? "payment" : "auth");
}

/** Rejects a payment Bolt holds for review, for good: the authorization is released. */
export async function rejectOrder(seen: Order, { operation, timing }: ActionOptions): Promise<ActionResult> {
  const order = paidOrder(seen);
  const key = idempotencyKey(order.id, "reject", undefined, operation);
  const view = await send(
    () => reviewTransaction({ reference: order.boltReference, idempotencyKey: key }, "reject"),
    timing,
  );
  return record(order, view, "rejected_irreversible");
}

/** The desk then offers "Mark as shipped" (a capture) for authorized orders. */
export function capturesManually(): boolean {
  return getEnv().captureMode === "manual";
}
