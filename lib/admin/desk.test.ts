import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/ledger/status";
import { amountText, capturableCents, deskActions, parseAmount, refundableCents } from "./desk";

type Facts = Parameters<typeof deskActions>[0];

const order = (status: OrderStatus, amounts: Partial<Facts> = {}): Facts => ({
  status,
  boltReference: "TX-REF-0001",
  totalCents: 5900,
  authorizedCents: 5900,
  capturedCents: 0,
  refundedCents: 0,
  ...amounts,
});

const auto = { manualCapture: false };
const manual = { manualCapture: true };

describe("which actions the desk offers", () => {
  it.each<[string, Facts, { manualCapture: boolean }, string[]]>([
    ["a payment in review: approve or reject", order("in_review"), auto, ["approve", "reject", "refresh"]],
    ["an authorization: capture or void", order("authorized"), auto, ["capture", "void", "refresh"]],
    [
      "an authorization under manual capture: mark as shipped first",
      order("authorized"),
      manual,
      ["ship", "capture", "void", "refresh"],
    ],
    [
      "a half-captured payment: the rest, or a refund of what was taken",
      order("captured", { capturedCents: 2950 }),
      manual,
      ["capture", "refund", "refresh"],
    ],
    ["a fully captured payment: a refund", order("captured", { capturedCents: 5900 }), auto, ["refund", "refresh"]],
    [
      "a partly refunded payment: refund the rest",
      order("partially_refunded", { capturedCents: 5900, refundedCents: 1000 }),
      auto,
      ["refund", "refresh"],
    ],
    [
      "a payment refunded down to nothing left: only a refresh",
      order("partially_refunded", { capturedCents: 2950, refundedCents: 2950, authorizedCents: 2950 }),
      auto,
      ["refresh"],
    ],
  ])("%s", (_case, facts, options, expected) => {
    expect(deskActions(facts, options)).toEqual(expected);
  });

  it.each<OrderStatus>(["declined", "voided", "rejected", "refunded", "pending", "unconfirmed"])(
    "offers nothing but a refresh for an order %s",
    (status) => {
      expect(deskActions(order(status, { capturedCents: 5900, refundedCents: 5900 }), manual)).toEqual(["refresh"]);
    },
  );

  it("offers nothing at all for an order Bolt has no payment for yet", () => {
    for (const status of ORDER_STATUSES) {
      expect(deskActions(order(status, { boltReference: null }), manual)).toEqual([]);
    }
  });

  it("never offers a void once money was taken, nor a refund before", () => {
    for (const status of ORDER_STATUSES) {
      expect(deskActions(order(status, { capturedCents: 100 }), manual)).not.toContain("void");
      expect(deskActions(order(status, { capturedCents: 0 }), manual)).not.toContain("refund");
    }
  });

  it("counts what is left as captureOrder does: the authorization, else the total", () => {
    expect(capturableCents(order("captured", { capturedCents: 2000 }))).toBe(3900);
    expect(capturableCents(order("authorized", { authorizedCents: 0 }))).toBe(5900);
    expect(capturableCents(order("captured", { capturedCents: 6000 }))).toBe(0);
    expect(refundableCents(order("partially_refunded", { capturedCents: 5900, refundedCents: 900 }))).toBe(5000);
  });
});

describe("reading an amount typed into the desk's forms", () => {
  const read = (text: string, max = 5900) => parseAmount(text, "USD", max, "capture");

  it.each([
    ["29.50", 2950],
    ["29.5", 2950],
    ["29", 2900],
    ["$29.50", 2950],
    ["  $ 29.50 ", 2950],
    ["0.01", 1],
    ["59.00", 5900],
    ["29.", 2900],
  ])("reads %j as %i cents, exactly", (text, cents) => {
    expect(read(text)).toEqual({ ok: true, cents });
  });

  it("reads thousands separators, and no floating-point rounding creeps in", () => {
    expect(read("1,234.56", 200_000)).toEqual({ ok: true, cents: 123_456 });
    expect(read("0.29", 100)).toEqual({ ok: true, cents: 29 });
    expect(read("1.13", 200)).toEqual({ ok: true, cents: 113 });
  });

  it.each([
    ["-5", "An amount can't be negative."],
    ["-$5.00", "An amount can't be negative."],
    ["0", "Type an amount above zero."],
    ["0.00", "Type an amount above zero."],
    ["29.505", "Use at most 2 decimals, like 12.50."],
    ["", "Type an amount, like 12.50."],
    ["twelve", "Type an amount, like 12.50."],
    ["1e3", "Type an amount, like 12.50."],
    ["12,34", "Type an amount, like 12.50."],
    ["59.01", "At most $59.00 is left to capture."],
    ["99999999999999999999", "At most $59.00 is left to capture."],
  ])("refuses %j: %s", (text, message) => {
    expect(read(text)).toEqual({ ok: false, message });
  });

  it("says what is left, in the words of the action", () => {
    expect(parseAmount("30", "USD", 2000, "refund")).toEqual({
      ok: false,
      message: "At most $20.00 is left to refund.",
    });
  });

  it("follows the currency's decimals", () => {
    expect(parseAmount("1200", "JPY", 5000, "refund")).toEqual({ ok: true, cents: 1200 });
    expect(parseAmount("12.5", "JPY", 5000, "refund")).toMatchObject({
      ok: false,
      message: "Type a whole amount, like 1250.",
    });
    expect(amountText(1200, "JPY")).toBe("1200");
  });

  it("shows an amount as the field takes it back", () => {
    expect(amountText(2950, "USD")).toBe("29.50");
    expect(amountText(123_456, "USD")).toBe("1234.56");
    expect(read(amountText(2950, "USD"))).toEqual({ ok: true, cents: 2950 });
  });
});
