import { beforeEach, describe, expect, it } from "vitest";
import type { Answer } from "./inputs";
import { keepUnwrittenAnswer, takeUnwrittenAnswers } from "./unwritten";

const paid = (reference: string): Answer => ({ kind: "authorized", boltReference: reference, amountCents: 5900 });
const orderId = (i: number) => `ORDER${String(i).padStart(7, "0")}`;

/** The most answers kept at once: past it, the reconciler learns the rest from Bolt again. */
const MAX_KEPT = 10_000;

beforeEach(() => void takeUnwrittenAnswers());

describe("the answers this process could not write", () => {
  it("are handed out once, the newest per order", () => {
    keepUnwrittenAnswer(orderId(1), paid("R-1"));
    keepUnwrittenAnswer(orderId(2), { kind: "declined", reason: "card declined" });
    keepUnwrittenAnswer(orderId(1), paid("R-1-again"));
    expect(takeUnwrittenAnswers()).toEqual([
      [orderId(1), paid("R-1-again")],
      [orderId(2), { kind: "declined", reason: "card declined" }],
    ]);
    expect(takeUnwrittenAnswers()).toEqual([]);
  });

  it("stay bounded through a long outage: once full, a new order's answer is dropped, a kept order's updated", () => {
    for (let i = 0; i < MAX_KEPT; i++) keepUnwrittenAnswer(orderId(i), paid(`R-${i}`));
    keepUnwrittenAnswer(orderId(MAX_KEPT), paid("R-dropped"));
    keepUnwrittenAnswer(orderId(0), paid("R-0-newer"));
    const taken = new Map(takeUnwrittenAnswers());
    expect(taken.size).toBe(MAX_KEPT);
    expect(taken.has(orderId(MAX_KEPT))).toBe(false);
    expect(taken.get(orderId(0))).toEqual(paid("R-0-newer"));
  });

  it("make room again once taken", () => {
    for (let i = 0; i < MAX_KEPT; i++) keepUnwrittenAnswer(orderId(i), paid(`R-${i}`));
    takeUnwrittenAnswers();
    keepUnwrittenAnswer(orderId(MAX_KEPT), paid("R-after"));
    expect(takeUnwrittenAnswers()).toEqual([[orderId(MAX_KEPT), paid("R-after")]]);
  });
});
