import { describe, expect, it } from "vitest";
import { formatMoney } from "./money";

describe("formatMoney", () => {
  it("formats USD cents as dollars", () => {
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatMoney(7)).toBe("$0.07");
    expect(formatMoney(2800)).toBe("$28.00");
    expect(formatMoney(123456)).toBe("$1,234.56");
  });

  it("uses the currency's own minor unit", () => {
    expect(formatMoney(1500, "EUR")).toBe("€15.00");
    expect(formatMoney(1500, "JPY")).toBe("¥1,500");
  });
});
