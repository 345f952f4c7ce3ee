import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { cartCookieName, parseCartCookie, serializeCartCookie } from "./cookie";

const [first, second] = ["lh-mug", "lh-tote"];
const cookie = (value: unknown) => JSON.stringify(value);

describe("parseCartCookie", () => {
  it("reads what serializeCartCookie wrote", () => {
    const items = [
      { id: first!, quantity: 2 },
      { id: second!, quantity: 1 },
    ];
    expect(parseCartCookie(serializeCartCookie(items))).toEqual(items);
  });

  it.each([undefined, "", "not json", "{", "null", "42", '"cart"', cookie({ id: first, quantity: 1 })])(
    "gives an empty cart for a missing or malformed cookie (%s)",
    (raw) => {
      expect(parseCartCookie(raw)).toEqual([]);
    },
  );

  it("gives an empty cart for a 10 KB garbage cookie", () => {
    const garbage = Array.from({ length: 10_240 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 94))).join("");
    expect(parseCartCookie(garbage)).toEqual([]);
  });

  it("gives an empty cart for 10 KB of well-formed JSON", () => {
    const lines = Array.from({ length: 400 }, () => ({ id: first, quantity: 1 }));
    expect(cookie(lines).length).toBeGreaterThan(10_000);
    expect(parseCartCookie(cookie(lines))).toEqual([]);
  });

  it("drops lines of the wrong shape", () => {
    const raw = cookie([{ id: first, quantity: "2" }, { id: 7, quantity: 1 }, null, "x", { id: second, quantity: 3 }]);
    expect(parseCartCookie(raw)).toEqual([{ id: second, quantity: 3 }]);
  });

  it.each([
    [-4, 1],
    [0, 1],
    [2.9, 2],
    [0.5, 1],
    [11, 10],
    [1e9, 10],
  ])("clamps quantity %s to %s", (quantity, expected) => {
    expect(parseCartCookie(cookie([{ id: first, quantity }]))).toEqual([{ id: first, quantity: expected }]);
  });

  it("merges duplicate lines, still clamped", () => {
    const raw = cookie([
      { id: first, quantity: 2 },
      { id: second, quantity: 1 },
      { id: first, quantity: 3 },
      { id: second, quantity: 9 },
    ]);
    expect(parseCartCookie(raw)).toEqual([
      { id: first, quantity: 5 },
      { id: second, quantity: 10 },
    ]);
  });

  it("ignores any price the browser sends", () => {
    const items = parseCartCookie(cookie([{ id: first, quantity: 1, price: 1, lineTotal: 1 }]));
    expect(items).toEqual([{ id: first, quantity: 1 }]);
  });
});

describe("cartCookieName", () => {
  const env = (vars: Record<string, string>) => parseEnv({ ...process.env, NODE_ENV: "test", ...vars });

  it("is __Host-cart on an https store, like the session cookie, so a sibling subdomain can't plant a cart", () => {
    expect(cartCookieName(env({ APP_ORIGIN: "https://shop.example.com" }))).toBe("__Host-cart");
  });

  it("is plain cart on http, where the prefix can't be used, and when Secure is dropped", () => {
    expect(cartCookieName(env({ APP_ORIGIN: "http://localhost:3000" }))).toBe("cart");
    expect(cartCookieName(env({}))).toBe("cart");
    expect(
      cartCookieName(
        env({
          APP_ORIGIN: "https://shop.example.com",
          STOREFRONT_TUNING: JSON.stringify({ sessionCookieInsecure: true }),
        }),
      ),
    ).toBe("cart");
  });
});
