import { ORDER_STATUSES, type OrderStatus } from "@/lib/db/schema";

export { ORDER_STATUSES, type OrderStatus };

/**
 * No cycle, so a status never moves backwards: Bolt's answers and webhooks arrive late, twice or out
 * of order, and a late "authorized" after a capture must change nothing.
 */
export const MOVES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ["unconfirmed", "authorized", "in_review", "declined"],
  unconfirmed: ["authorized", "in_review", "declined"],
  in_review: ["authorized", "rejected", "captured"],
  authorized: ["captured", "voided"],
  captured: ["partially_refunded", "refunded"],
  partially_refunded: ["refunded"],
  declined: [],
  voided: [],
  rejected: [],
  refunded: [],
};

/** Bolt's answer is not known yet: the checkout may resend the same request, the reconciler checks. */
export const OPEN_STATUSES = ["pending", "unconfirmed"] as const satisfies readonly OrderStatus[];

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return MOVES[from].includes(to);
}

export function isOpen(status: OrderStatus): boolean {
  return (OPEN_STATUSES as readonly OrderStatus[]).includes(status);
}

export function isFinal(status: OrderStatus): boolean {
  return MOVES[status].length === 0;
}
