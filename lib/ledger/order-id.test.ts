import { describe, expect, it } from "vitest";
import { isOrderId, newOrderId } from "./order-id";

describe("newOrderId", () => {
  it("makes 12 characters of Crockford base32, which isOrderId accepts", () => {
    for (let i = 0; i < 200; i++) {
      const id = newOrderId();
      expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(isOrderId(id)).toBe(true);
    }
  });

  it("uses every symbol of the alphabet and repeats no id in 10,000", () => {
    const ids = Array.from({ length: 10_000 }, newOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join("")).size).toBe(32);
  });
});

describe("isOrderId", () => {
  it.each(["", "ABC", "0123456789ABC", "0123456789AI", "0123456789AL", "0123456789AO", "0123456789AU", "abcdefghjkmn"])(
    "refuses %j",
    (value) => {
      expect(isOrderId(value)).toBe(false);
    },
  );

  it("refuses what is not a string", () => {
    expect(isOrderId(123456789012)).toBe(false);
    expect(isOrderId(undefined)).toBe(false);
  });
});
