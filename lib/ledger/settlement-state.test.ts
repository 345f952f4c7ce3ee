import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BoltTransaction } from "@/lib/bolt/types";
import {
  applyView,
  eventAmountCents,
  isAhead,
  statusOf,
  transactionEventKey,
  type SettlementState,
} from "./settlement-state";
import { MOVES, ORDER_STATUSES, type OrderStatus } from "./status";

// The ledger follows Bolt's views of a payment: amounts only grow and the status only moves forward,
// so deliveries late, twice or out of order all end where the events in their true order end.

const REFERENCE = "LBLJTWW7R9VC";
const pending: SettlementState = {
  status: "pending",
  boltReference: null,
  authorizedCents: 0,
  capturedCents: 0,
  refundedCents: 0,
};

const view = (change: Partial<BoltTransaction> = {}): BoltTransaction => ({
  reference: REFERENCE,
  state: "authorized",
  authorizedCents: 5900,
  capturedCents: 0,
  refundedCents: 0,
  ...change,
});

const fold = (views: BoltTransaction[], from = pending) => views.reduce((state, v) => applyView(state, v).next, from);

describe("statusOf", () => {
  it.each([
    [{ state: "authorized" }, "authorized"],
    [{ state: "in_review" }, "in_review"],
    [{ state: "voided" }, "voided"],
    [{ state: "rejected" }, "rejected"],
    [{ state: "declined", authorizedCents: undefined }, "declined"],
    [{ state: "completed", capturedCents: 2000 }, "captured"],
    [{ state: "completed", capturedCents: 5900, refundedCents: 100 }, "partially_refunded"],
    [{ state: "completed", capturedCents: 5900, refundedCents: 5900 }, "refunded"],
    [{ state: "unknown" }, undefined],
  ] as const)("reads %o as %s", (change, status) => {
    expect(statusOf(view(change))).toBe(status);
  });

  it("calls a partial capture refunded in full only partially refunded: the rest may still be captured", () => {
    expect(statusOf(view({ state: "completed", capturedCents: 2000, refundedCents: 2000 }))).toBe("partially_refunded");
  });

  it("calls a refund seen before any capture partial, never final", () => {
    const early = { state: "completed", capturedCents: 0, refundedCents: 500, authorizedCents: undefined } as const;
    expect(statusOf(view(early))).toBe("partially_refunded");
  });
});

describe("isAhead", () => {
  it("follows MOVES in one step or several, never back, never to itself", () => {
    expect(isAhead("pending", "captured")).toBe(true);
    expect(isAhead("authorized", "refunded")).toBe(true);
    expect(isAhead("in_review", "voided")).toBe(true);
    expect(isAhead("captured", "authorized")).toBe(false);
    expect(isAhead("captured", "captured")).toBe(false);
    expect(isAhead("refunded", "partially_refunded")).toBe(false);
    for (const from of ORDER_STATUSES) {
      for (const to of MOVES[from]) expect(isAhead(from, to)).toBe(true);
      for (const to of ORDER_STATUSES) if (isAhead(from, to)) expect(isAhead(to, from)).toBe(false);
    }
  });
});

describe("applyView", () => {
  it("records the payment's reference and amounts, and moves the order forward", () => {
    const { next, moved, changed } = applyView(pending, view());
    expect(next).toEqual({ ...pending, status: "authorized", boltReference: REFERENCE, authorizedCents: 5900 });
    expect([moved, changed]).toEqual([true, true]);
  });

  it("takes a capture seen before the authorization, then ignores the late authorization", () => {
    const captured = fold([view({ state: "completed", capturedCents: 5900 })]);
    expect(captured.status).toBe("captured");
    const late = applyView(captured, view());
    expect(late).toEqual({ next: captured, moved: false, changed: false, foreign: false });
  });

  it("never takes amounts back: an older view shows less", () => {
    const refunded = fold([view({ state: "completed", capturedCents: 5900, refundedCents: 1000 })]);
    const older = applyView(refunded, view({ state: "completed", capturedCents: 3000 }));
    expect(older.next).toEqual(refunded);
  });

  it("takes nothing from a view of another payment", () => {
    const authorized = fold([view()]);
    const other = applyView(authorized, view({ reference: "OTHER0000001", state: "completed", capturedCents: 5900 }));
    expect(other).toEqual({ next: authorized, moved: false, changed: false, foreign: true });
  });

  it("keeps no reference from a declined attempt", () => {
    const declined = applyView(pending, view({ state: "declined" }));
    expect(declined.next).toMatchObject({ status: "declined", boltReference: null });
  });

  it("counts a move alone as a change: a void shows the same amounts", () => {
    const authorized = fold([view()]);
    const voided = applyView(authorized, view({ state: "voided" }));
    expect(voided).toEqual({ next: { ...authorized, status: "voided" }, moved: true, changed: true, foreign: false });
  });

  it.each<[string, SettlementState, Partial<BoltTransaction>, Partial<SettlementState>]>([
    [
      "the payment's reference, while Bolt has decided nothing",
      pending,
      { state: "unknown", authorizedCents: undefined },
      { boltReference: REFERENCE },
    ],
    [
      "a larger authorization",
      { ...pending, status: "authorized", boltReference: REFERENCE, authorizedCents: 5000 },
      {},
      { authorizedCents: 5900 },
    ],
    [
      "a second partial capture",
      { ...pending, status: "captured", boltReference: REFERENCE, authorizedCents: 5900, capturedCents: 2000 },
      { state: "completed", capturedCents: 3000 },
      { capturedCents: 3000 },
    ],
    [
      "a second partial refund",
      {
        ...pending,
        status: "partially_refunded",
        boltReference: REFERENCE,
        authorizedCents: 5900,
        capturedCents: 5900,
        refundedCents: 1000,
      },
      { state: "completed", capturedCents: 5900, refundedCents: 2000 },
      { refundedCents: 2000 },
    ],
  ])("counts %s as a change, with no move", (_name, current, change, taken) => {
    expect(applyView(current, view(change))).toEqual({
      next: { ...current, ...taken },
      moved: false,
      changed: true,
      foreign: false,
    });
  });
});

describe("event keys", () => {
  it("tell two partial captures apart by the captured total, and a refund by its own reference", () => {
    const first = view({ state: "completed", capturedCents: 1000 });
    const second = view({ state: "completed", capturedCents: 2000 });
    expect(transactionEventKey("capture", first)).toBe(`capture:${REFERENCE}:1000`);
    expect(transactionEventKey("capture", first)).not.toBe(transactionEventKey("capture", second));
    const refund = view({ refundedCents: 500, refund: { reference: "RFND00000001", amountCents: 500 } });
    expect(transactionEventKey("credit", refund)).toBe("credit:RFND00000001:500");
    expect(eventAmountCents("void", view())).toBe(5900);
  });

  it("give a refund its own amount, and a credit without one the refunded total", () => {
    const second = view({ refundedCents: 3000, refund: { reference: "RFND00000002", amountCents: 1000 } });
    expect(eventAmountCents("credit", second)).toBe(1000);
    expect(eventAmountCents("credit", view({ refundedCents: 3000 }))).toBe(3000);
  });

  it("leave the amount empty when the view names none", () => {
    expect(transactionEventKey("auth", view({ authorizedCents: undefined }))).toBe(`auth:${REFERENCE}:`);
  });
});

// ---- Property tests over simulated Bolt histories -------------------------------------------------

type Step = { type: string; body: BoltTransaction; reread: BoltTransaction };

/** A payment as Bolt keeps it, changed by the actions Bolt allows, each with its webhook and a re-read. */
function simulate(held: boolean, amount: number, actions: Array<[string, number]>): Step[] {
  let state: BoltTransaction["state"] = held ? "in_review" : "authorized";
  const captures: number[] = [];
  const refunds: number[] = [];
  const captured = () => captures.reduce((a, b) => a + b, 0);
  const refunded = () => refunds.reduce((a, b) => a + b, 0);
  const full = (): BoltTransaction => ({
    reference: REFERENCE,
    orderReference: "ORD000000001",
    state,
    authorizedCents: amount,
    capturedCents: captured(),
    refundedCents: refunded(),
  });
  const steps: Step[] = [{ type: held ? "pending" : "auth", body: full(), reread: full() }];
  for (const [action, fraction] of actions) {
    const share = (left: number) => Math.max(1, Math.ceil(left * fraction));
    if (action === "approve" && state === "in_review") state = "authorized";
    else if (action === "reject" && state === "in_review") state = "rejected";
    else if (action === "void" && (state === "authorized" || state === "in_review") && captures.length === 0) {
      state = "voided";
    } else if (action === "capture" && (state === "authorized" || state === "completed") && captured() < amount) {
      captures.push(share(amount - captured()));
      state = "completed";
    } else if (action === "refund" && refunded() < captured()) {
      const refund = share(captured() - refunded());
      refunds.push(refund);
      const reference = `RFND${String(refunds.length).padStart(8, "0")}`;
      // A credit webhook's body is the refund itself: it shows that refund alone.
      const body = { ...full(), refundedCents: refund, refund: { reference, amountCents: refund } };
      steps.push({ type: "credit", body, reread: full() });
      continue;
    } else continue;
    const type = { approve: "auth", reject: "rejected_irreversible", void: "void", capture: "capture" }[action]!;
    steps.push({ type, body: full(), reread: full() });
  }
  return steps;
}

const history = fc
  .tuple(
    fc.boolean(),
    fc.integer({ min: 1, max: 100_000 }),
    fc.array(
      fc.tuple(
        fc.constantFrom("approve", "reject", "void", "capture", "refund"),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
      { maxLength: 12 },
    ),
  )
  .map(([held, amount, actions]) => simulate(held, amount, actions));

/** Every webhook body and every re-read, as a delivery would bring them. */
const deliveries = (steps: Step[]) => steps.flatMap((step) => [step.body, step.reread]);

/** The same deliveries shuffled, some of them twice. */
const scrambled = history.chain((steps) => {
  const all = deliveries(steps);
  return fc
    .tuple(fc.shuffledSubarray(all, { minLength: all.length }), fc.array(fc.constantFrom(...all), { maxLength: 8 }))
    .chain(([shuffled, extra]) =>
      fc.shuffledSubarray([...shuffled, ...extra], { minLength: shuffled.length + extra.length }),
    )
    .map((mixed) => ({ steps, mixed }));
});

describe("following Bolt's history (property tests)", () => {
  it("ends where the deliveries in their true order end, whatever the order and however many duplicates", () => {
    fc.assert(
      fc.property(scrambled, ({ steps, mixed }) => {
        expect(fold(mixed)).toEqual(fold(deliveries(steps)));
      }),
      { numRuns: 500 },
    );
  });

  it("ends on Bolt's own account of the payment once its re-reads arrive", () => {
    fc.assert(
      fc.property(scrambled, ({ steps, mixed }) => {
        const truth = steps.at(-1)!.reread;
        const state = fold(mixed);
        expect(state).toMatchObject({
          boltReference: REFERENCE,
          authorizedCents: truth.authorizedCents,
          capturedCents: truth.capturedCents,
          refundedCents: truth.refundedCents,
        });
        expect(state.status).toBe(statusOf(truth));
      }),
      { numRuns: 500 },
    );
  });

  it("never moves the status backwards, at any step, in any order", () => {
    fc.assert(
      fc.property(scrambled, ({ mixed }) => {
        let state: SettlementState = pending;
        for (const delivery of mixed) {
          const { next, moved } = applyView(state, delivery);
          const status: OrderStatus = next.status;
          expect(status === state.status || isAhead(state.status, status)).toBe(true);
          expect(moved).toBe(status !== state.status);
          expect(next.capturedCents).toBeGreaterThanOrEqual(state.capturedCents);
          expect(next.refundedCents).toBeGreaterThanOrEqual(state.refundedCents);
          state = next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("changes nothing the second time it sees a delivery", () => {
    fc.assert(
      fc.property(scrambled, ({ mixed }) => {
        let state: SettlementState = pending;
        for (const delivery of mixed) {
          state = applyView(state, delivery).next;
          expect(applyView(state, delivery)).toMatchObject({ next: state, moved: false, changed: false });
        }
      }),
      { numRuns: 200 },
    );
  });
});
