import type { BoltTransaction } from "@/lib/bolt/types";
import { MOVES, ORDER_STATUSES, type OrderStatus } from "./status";

// Amounts only grow (a late view shows less) and the status only moves forward along `MOVES`, so
// views applied in any order, any number of times, end in the same state.

export type SettlementState = {
  status: OrderStatus;
  boltReference: string | null;
  authorizedCents: number;
  capturedCents: number;
  refundedCents: number;
};

export type ViewApplied = {
  next: SettlementState;
  moved: boolean;
  changed: boolean;
  /** About another payment than the order's: nothing was taken from it. */
  foreign: boolean;
};

/** Every status reachable in one or more moves. */
const FORWARD: ReadonlyMap<OrderStatus, ReadonlySet<OrderStatus>> = new Map(
  ORDER_STATUSES.map((from) => {
    const seen = new Set<OrderStatus>();
    const queue = [...MOVES[from]];
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...MOVES[next]);
    }
    return [from, seen];
  }),
);

/** Several moves at once: Bolt may report a capture before the ledger saw the authorization. */
export function isAhead(from: OrderStatus, to: OrderStatus): boolean {
  return FORWARD.get(from)?.has(to) ?? false;
}

/**
 * Money moved says more than Bolt's state; undefined when the view says nothing about the status.
 * `refunded` is final, so it needs the whole authorization captured and refunded: after a partial
 * capture Bolt allows more captures, and a refunded order would have to move back.
 */
export function statusOf(
  view: Pick<BoltTransaction, "state" | "capturedCents" | "refundedCents" | "authorizedCents">,
): OrderStatus | undefined {
  const { state, capturedCents, refundedCents, authorizedCents = 0 } = view;
  if (refundedCents > 0) {
    const all = capturedCents > 0 && capturedCents >= authorizedCents && refundedCents >= capturedCents;
    return all ? "refunded" : "partially_refunded";
  }
  if (capturedCents > 0) return "captured";
  switch (state) {
    case "authorized":
    case "in_review":
    case "declined":
    case "voided":
    case "rejected":
      return state;
    case "completed":
    case "unknown":
      return undefined;
  }
}

export function applyView(current: SettlementState, view: BoltTransaction): ViewApplied {
  if (current.boltReference !== null && current.boltReference !== view.reference) {
    return { next: current, moved: false, changed: false, foreign: true };
  }
  const amounts = {
    authorizedCents: Math.max(current.authorizedCents, view.authorizedCents ?? 0),
    capturedCents: Math.max(current.capturedCents, view.capturedCents),
    refundedCents: Math.max(current.refundedCents, view.refundedCents),
  };
  const target = statusOf({ state: view.state, ...amounts });
  const moved = target !== undefined && isAhead(current.status, target);
  // A declined attempt is not the order's payment: a resend of the order may still be paid.
  const boltReference = current.boltReference ?? (view.state === "declined" ? null : view.reference);
  const next = { status: moved ? target : current.status, boltReference, ...amounts };
  const changed =
    moved ||
    next.boltReference !== current.boltReference ||
    next.authorizedCents !== current.authorizedCents ||
    next.capturedCents !== current.capturedCents ||
    next.refundedCents !== current.refundedCents;
  return { next, moved, changed, foreign: false };
}

export function eventAmountCents(type: string, view: BoltTransaction): number | undefined {
  if (type === "capture") return view.capturedCents;
  if (type === "credit") return view.refund?.amountCents ?? view.refundedCents;
  return view.authorizedCents;
}

/** A redelivery shares the key; two partial captures do not (the captured total differs). */
export function transactionEventKey(type: string, view: BoltTransaction): string {
  return `${type}:${view.refund?.reference ?? view.reference}:${eventAmountCents(type, view) ?? ""}`;
}
