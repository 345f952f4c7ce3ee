import "server-only";
import * as z from "zod";
import { BoltError } from "@/lib/bolt";
import { getDatabase, LedgerUnavailableError } from "@/lib/db";
import type { BoltWait } from "@/lib/http/server-timing";
import { getOrder, isOrderId, OrderNotFoundError, type Order } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import {
  approveOrder,
  captureOrder,
  refundOrder,
  rejectOrder,
  SettlementRefusedError,
  SettlementUnconfirmedError,
  syncOrder,
  voidOrder,
  type ActionResult,
} from "@/lib/settlement";
import { capturableCents, parseAmount, refundableCents, type DeskAction } from "./desk";

const OrderIdField = z.string().refine(isOrderId);
const Operation = z.string().min(8).max(128);
const base = { orderId: OrderIdField, operation: Operation };

const DeskForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("ship"), ...base }),
  z.object({ intent: z.literal("capture"), ...base, amount: z.string().max(64) }),
  z.object({ intent: z.literal("void"), ...base }),
  z.object({ intent: z.literal("refund"), ...base, amount: z.string().max(64), reason: z.string().max(2000) }),
  z.object({ intent: z.literal("approve"), ...base }),
  z.object({ intent: z.literal("reject"), ...base }),
  z.object({ intent: z.literal("refresh"), ...base }),
]);
type DeskForm = z.infer<typeof DeskForm>;

/** Given back with a refusal so the form keeps it. */
export type TypedFields = { amount?: string; reason?: string };

export type DeskActionState =
  | { status: "idle" }
  | { status: "done"; intent: DeskAction; message: string }
  | {
      status: "invalid" | "refused" | "unconfirmed" | "signed_out" | "failed";
      intent?: DeskAction;
      message: string;
      fields?: TypedFields;
    };

export const SIGNED_OUT: DeskActionState = {
  status: "signed_out",
  message: "Your desk session has ended, so nothing was sent to Bolt. Sign in again to continue.",
};

const MAX_REASON = 500;

/** Never throws for Bolt's or the ledger's troubles; `timing` counts the wait on Bolt apart. */
export async function performDeskAction(form: FormData, timing: BoltWait): Promise<DeskActionState> {
  const parsed = DeskForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { status: "invalid", message: "The form was incomplete. Reload the page and try again." };
  }
  const input = parsed.data;
  const fields: TypedFields =
    "amount" in input ? { amount: input.amount, reason: "reason" in input ? input.reason : undefined } : {};
  try {
    const order = await getOrder(await getDatabase(), input.orderId);
    if (!order) throw new OrderNotFoundError(input.orderId);
    return await run(input, order, fields, timing);
  } catch (error) {
    return { ...failure(error), intent: input.intent, fields };
  }
}

async function run(input: DeskForm, order: Order, fields: TypedFields, timing: BoltWait): Promise<DeskActionState> {
  const options = { operation: input.operation, timing };
  const money = (cents: number) => formatMoney(cents, order.currency);
  const done = (message: string): DeskActionState => ({ status: "done", intent: input.intent, message });
  switch (input.intent) {
    case "ship":
    case "capture": {
      let amount: number | undefined;
      if (input.intent === "capture") {
        const typed = parseAmount(input.amount, order.currency, capturableCents(order), "capture");
        if (!typed.ok) return { status: "invalid", intent: input.intent, message: typed.message, fields };
        amount = typed.cents;
      }
      const result = await captureOrder(order, amount, options);
      const taken = result.order.capturedCents - order.capturedCents;
      const total = `${money(result.order.capturedCents)} of ${money(result.order.authorizedCents || order.totalCents)} captured in all.`;
      const shipped = input.intent === "ship" ? "Marked as shipped: " : "";
      return done(
        taken > 0 ? `${shipped}Bolt captured ${money(taken)}. ${total}` : `Bolt had already captured it. ${total}`,
      );
    }
    case "void":
      await voidOrder(order, options);
      return done("Voided: Bolt released the authorization, and the card will not be charged.");
    case "refund": {
      const typed = parseAmount(input.amount, order.currency, refundableCents(order), "refund");
      if (!typed.ok) return { status: "invalid", intent: input.intent, message: typed.message, fields };
      const reason = input.reason.trim();
      if (!reason || reason.length > MAX_REASON) {
        const message = reason
          ? `Keep the reason under ${MAX_REASON} characters.`
          : "Say why you are refunding: the order's history keeps the reason.";
        return { status: "invalid", intent: input.intent, message, fields };
      }
      const result = await refundOrder(order, typed.cents, reason, options);
      return done(refunded(result, order, typed.cents, money));
    }
    case "approve": {
      const result = await approveOrder(order, options);
      const taken = result.order.capturedCents > 0 ? ` and captured ${money(result.order.capturedCents)}` : "";
      return done(`Approved: Bolt released the payment from review${taken}.`);
    }
    case "reject":
      await rejectOrder(order, options);
      return done("Rejected: Bolt cancelled the payment, and the card will not be charged.");
    case "refresh": {
      const { order: now } = await syncOrder(order.id, timing);
      const same =
        now.status === order.status &&
        now.capturedCents === order.capturedCents &&
        now.refundedCents === order.refundedCents;
      return done(same ? "Bolt's record matches this order: nothing new." : "Updated from Bolt's record.");
    }
  }
}

function refunded(result: ActionResult, before: Order, asked: number, money: (cents: number) => string): string {
  const total = `${money(result.order.refundedCents)} refunded in all.`;
  return result.order.refundedCents > before.refundedCents
    ? `Bolt refunded ${money(asked)}. ${total}`
    : `Bolt had already refunded it. ${total}`;
}

const REFUSALS: Record<SettlementRefusedError["reason"], string> = {
  amount_too_high: "the amount is more than Bolt has left to do that with",
  not_allowed: "the payment's state at Bolt does not allow it",
  not_found: "Bolt does not know this payment",
  key_reused: "this form was already sent with other details; reload the page and try again",
  invalid: "Bolt did not accept the request",
  no_payment: "the order has no payment at Bolt yet",
};

function failure(error: unknown): Exclude<DeskActionState, { status: "idle" | "done" }> {
  if (error instanceof SettlementRefusedError) {
    const said = error.boltMessage ? ` Bolt said: “${error.boltMessage}”` : "";
    return {
      status: "refused",
      message: `Bolt refused it: ${REFUSALS[error.reason]}. Nothing was changed.${said}`,
    };
  }
  if (error instanceof SettlementUnconfirmedError) {
    return {
      status: "unconfirmed",
      message:
        "Bolt did not confirm in time. It may have gone through: sending the same action again is safe (Bolt does it at most once), or refresh from Bolt.",
    };
  }
  if (error instanceof OrderNotFoundError) return { status: "failed", message: "This order is not in the ledger." };
  if (error instanceof BoltError) {
    return { status: "failed", message: "Bolt did not answer just now. Nothing was changed; try again in a moment." };
  }
  if (error instanceof LedgerUnavailableError) {
    return {
      status: "failed",
      message:
        "The order records did not answer. If Bolt did it, the order catches up by itself: refresh from Bolt in a moment.",
    };
  }
  throw error;
}
