import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/db/schema";
import { statusWords } from "./order-status";

const order = (status: OrderStatus, refundedCents = 0) => ({
  status,
  currency: "USD",
  totalCents: 5900,
  refundedCents,
  email: "nora@example.com",
});

describe("statusWords", () => {
  it.each(ORDER_STATUSES)("says what %s means, in every place the page shows it", (status) => {
    const words = statusWords(order(status, 1200));
    for (const text of Object.values(words)) expect(text.trim().length).toBeGreaterThan(3);
    // Words, not the ledger's codes (in_review, partially_refunded).
    expect(Object.values(words).join(" ")).not.toContain("_");
  });

  it.each([
    ["pending", "We're confirming your payment with Bolt…"],
    ["unconfirmed", "We're confirming your payment with Bolt…"],
    ["authorized", "Order confirmed"],
    ["in_review", "Order in review"],
    ["declined", "Payment declined"],
    ["captured", "Paid"],
    ["partially_refunded", "Partly refunded: $12.00"],
    ["refunded", "Refunded: $12.00"],
    ["voided", "Cancelled"],
    ["rejected", "Cancelled after review"],
  ] as const)("labels %s as %j", (status, label) => {
    expect(statusWords(order(status, 1200)).label).toBe(label);
  });

  it("keeps the confirmation's titles for an approved order and one in review", () => {
    expect(statusWords(order("authorized")).title).toBe("Order confirmed");
    expect(statusWords(order("in_review")).title).toBe("Order in review");
  });

  it.each(["pending", "unconfirmed"] as const)(
    "raises no alarm while Bolt's answer for a %s order is awaited",
    (status) => {
      const words = statusWords(order(status));
      expect(Object.values(words).join(" ")).not.toMatch(/declin|fail|error|problem|sorry|again/i);
      expect(words.detail).toMatch(/never be charged twice/);
    },
  );

  it("gives refunds from the refunded amount, in the order's currency", () => {
    const euros = { ...order("partially_refunded", 1250), currency: "EUR", totalCents: 5000 };
    expect(statusWords(euros).label).toBe("Partly refunded: €12.50");
    expect(statusWords(euros).detail).toContain("€12.50 of €50.00");
  });

  it("tells whether the card was charged", () => {
    expect(statusWords(order("declined")).detail).toMatch(/nothing was charged/);
    expect(statusWords(order("voided")).detail).toMatch(/not charged/);
    expect(statusWords(order("rejected")).detail).toMatch(/not charged/);
    expect(statusWords(order("captured")).detail).toContain("$59.00");
  });

  it("promises no email once the order's email is forgotten", () => {
    expect(statusWords(order("authorized")).detail).toContain("nora@example.com");
    expect(statusWords({ ...order("authorized"), email: null }).detail).not.toMatch(/email/i);
  });
});
