import { describe, expect, it } from "vitest";
import { demoProducts as products } from "@/lib/catalog/demo-products";
import { FLAT_SHIPPING, FREE_SHIPPING_THRESHOLD, priceCart, shareOf, shippingFor } from "./pricing";

const byId = (handle: string) => products.find((product) => product.handle === handle)!.id;

describe("shippingFor", () => {
  it("charges the flat rate one cent below the threshold", () => {
    expect(shippingFor(FREE_SHIPPING_THRESHOLD - 1)).toBe(FLAT_SHIPPING);
  });

  it("ships free at exactly the threshold and above", () => {
    expect(shippingFor(FREE_SHIPPING_THRESHOLD)).toBe(0);
    expect(shippingFor(FREE_SHIPPING_THRESHOLD + 1)).toBe(0);
  });

  it("charges nothing for an empty cart", () => {
    expect(shippingFor(0)).toBe(0);
  });
});

describe("shareOf", () => {
  it("rounds half a cent up", () => {
    expect(shareOf(10, 500)).toBe(1); // 0.5¢
    expect(shareOf(30, 500)).toBe(2); // 1.5¢
  });

  it("rounds less than half a cent down", () => {
    expect(shareOf(1806, 800)).toBe(144); // 144.48¢
  });

  it("rounds more than half a cent up", () => {
    expect(shareOf(1819, 800)).toBe(146); // 145.52¢
  });
});

describe("priceCart", () => {
  it("prices an empty cart at zero", () => {
    expect(priceCart([], products)).toEqual({
      lines: [],
      itemCount: 0,
      subtotal: 0,
      shipping: 0,
      tax: 0,
      total: 0,
      currency: "USD",
    });
  });

  it("adds shipping and 8% tax below the free-shipping threshold", () => {
    // 2 mugs at $28.00 = $56.00; tax $4.48; shipping $7.00.
    const cart = priceCart([{ id: byId("stoneware-mug"), quantity: 2 }], products);
    expect(cart).toMatchObject({ itemCount: 2, subtotal: 5600, shipping: 700, tax: 448, total: 6748 });
    expect(cart.lines[0]?.lineTotal).toBe(5600);
  });

  it("ships free from the threshold on", () => {
    // $28.00 + $36.00 + $18.00 = $82.00; tax $6.56.
    const cart = priceCart(
      [
        { id: byId("stoneware-mug"), quantity: 1 },
        { id: byId("linen-napkins"), quantity: 1 },
        { id: byId("beeswax-tapers"), quantity: 1 },
      ],
      products,
    );
    expect(cart).toMatchObject({ itemCount: 3, subtotal: 8200, shipping: 0, tax: 656, total: 8856 });
  });

  it("takes prices from the given products and skips unknown ones", () => {
    const cart = priceCart(
      [
        { id: "not-a-product", quantity: 3 },
        { id: byId("merino-throw"), quantity: 1 },
      ],
      products,
    );
    expect(cart.lines.map((line) => line.product.handle)).toEqual(["merino-throw"]);
    expect(cart.subtotal).toBe(12000);
  });
});
