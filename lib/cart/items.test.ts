import { describe, expect, it } from "vitest";
import { addItem, MAX_CART_LINES, removeItem, setItemQuantity } from "./items";

describe("cart item operations", () => {
  it("appends a new line and adds to an existing one", () => {
    const once = addItem([], "a", 2);
    expect(once).toEqual([{ id: "a", quantity: 2 }]);
    expect(addItem(once, "a", 3)).toEqual([{ id: "a", quantity: 5 }]);
  });

  it("never lets a line exceed ten", () => {
    expect(addItem([{ id: "a", quantity: 8 }], "a", 5)).toEqual([{ id: "a", quantity: 10 }]);
    expect(setItemQuantity([{ id: "a", quantity: 1 }], "a", 99)).toEqual([{ id: "a", quantity: 10 }]);
  });

  it("adds no line past the cart's limit, which is also an order's, but still adds to an existing one", () => {
    const full = Array.from({ length: MAX_CART_LINES }, (_, i) => ({ id: `p${i}`, quantity: 1 }));
    expect(addItem(full, "another", 1)).toEqual(full);
    expect(addItem(full, "p0", 1)[0]).toEqual({ id: "p0", quantity: 2 });
  });

  it("sets and removes only the named line", () => {
    const items = [
      { id: "a", quantity: 1 },
      { id: "b", quantity: 2 },
    ];
    expect(setItemQuantity(items, "b", 4)).toEqual([
      { id: "a", quantity: 1 },
      { id: "b", quantity: 4 },
    ]);
    expect(removeItem(items, "a")).toEqual([{ id: "b", quantity: 2 }]);
  });
});
