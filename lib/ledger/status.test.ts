import { describe, expect, it } from "vitest";
import { canMove, isFinal, isOpen, MOVES, ORDER_STATUSES, type OrderStatus } from "./status";

// The allowed moves, written out independently of the table in status.ts.
const ALLOWED = new Set([
  "pending→unconfirmed",
  "pending→authorized",
  "pending→in_review",
  "pending→declined",
  "unconfirmed→authorized",
  "unconfirmed→in_review",
  "unconfirmed→declined",
  "in_review→authorized",
  "in_review→rejected",
  "in_review→captured",
  "authorized→captured",
  "authorized→voided",
  "captured→partially_refunded",
  "captured→refunded",
  "partially_refunded→refunded",
]);

const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));

describe("canMove", () => {
  it("knows all ten statuses", () => {
    expect([...ORDER_STATUSES].sort()).toEqual(
      [
        "authorized",
        "captured",
        "declined",
        "in_review",
        "partially_refunded",
        "pending",
        "refunded",
        "rejected",
        "unconfirmed",
        "voided",
      ].sort(),
    );
  });

  it.each(pairs)("%s → %s is allowed only if listed", (from, to) => {
    expect(canMove(from, to)).toBe(ALLOWED.has(`${from}→${to}`));
  });

  it("never lets a status stay or come back: no status can be reached again once left", () => {
    const reachable = (from: OrderStatus, seen = new Set<OrderStatus>()): Set<OrderStatus> => {
      for (const next of MOVES[from]) {
        if (!seen.has(next)) {
          seen.add(next);
          reachable(next, seen);
        }
      }
      return seen;
    };
    for (const status of ORDER_STATUSES) expect(reachable(status).has(status)).toBe(false);
  });
});

describe("isOpen and isFinal", () => {
  it("calls only pending and unconfirmed open: their answer is not known yet", () => {
    expect(ORDER_STATUSES.filter(isOpen)).toEqual(["pending", "unconfirmed"]);
  });

  it("calls declined, voided, rejected and refunded final", () => {
    expect(ORDER_STATUSES.filter(isFinal).sort()).toEqual(["declined", "refunded", "rejected", "voided"]);
  });
});
