import { describe, expect, it } from "vitest";
import { MAX_CART_LINES } from "@/lib/cart/items";
import { priceCart } from "@/lib/cart/pricing";
import { demoProducts } from "@/lib/catalog/demo-products";
import { NewOrderInput, Sealed } from "@/lib/ledger/inputs";
import { hashCheckoutId } from "@/lib/ledger/secrets";
import { sealHandoff } from "@/lib/session/sealing";
import { openAttempt, orderInputOf, sealAttempt } from "./attempt";
import { newCardAttempt } from "./new-attempt";
import { GUEST_CHOICE } from "./testing/guest";

/** The largest cart the shop accepts: every line at its longest id, a long name, the most of each. */
function largestCart() {
  const products = Array.from({ length: MAX_CART_LINES }, (_, i) => ({
    ...demoProducts[0]!,
    id: `${i}-`.padEnd(100, "x"),
    name: "A very long product name ".repeat(20),
  }));
  return priceCart(
    products.map((product) => ({ id: product.id, quantity: 10 })),
    products,
  );
}

describe("an order's payment request", () => {
  it("of the largest cart the shop accepts, seals within what the ledger keeps and opens unchanged", async () => {
    const attempt = newCardAttempt("7K3M9Q2XR8WD", largestCart(), GUEST_CHOICE);
    const sealed = sealAttempt(attempt);
    expect(Sealed.safeParse(sealed).success).toBe(true);
    await expect(openAttempt(sealed)).resolves.toEqual(attempt);
  });

  it("of the largest cart, is an order the ledger records, lines and amounts as charged", () => {
    const cart = largestCart();
    const attempt = newCardAttempt("7K3M9Q2XR8WD", cart, GUEST_CHOICE);
    const input = orderInputOf(attempt, { checkoutIdHash: hashCheckoutId("a-checkout"), sub: null });
    const order = NewOrderInput.parse(input);
    expect(order).toMatchObject({
      itemsCents: cart.subtotal,
      shippingCents: cart.shipping,
      taxCents: cart.tax,
      totalCents: cart.total,
      email: "nora@example.test",
      card: { network: "visa", last4: "1004" },
    });
    expect(order.lines).toHaveLength(MAX_CART_LINES);
    expect(order.shipTo).not.toHaveProperty("email");
  });

  it("records no card network when Bolt's payment field named none, rather than one called unknown", () => {
    const lean = { ...GUEST_CHOICE, card: { ...GUEST_CHOICE.card, network: "unknown" as const } };
    const attempt = newCardAttempt("7K3M9Q2XR8WD", largestCart(), lean);
    const input = orderInputOf(attempt, { checkoutIdHash: hashCheckoutId("a-checkout"), sub: null });
    expect(NewOrderInput.parse(input).card).toEqual({ network: null, last4: "1004" });
  });

  it("opens nothing that was tampered with, nor another purpose's seal", async () => {
    const sealed = sealAttempt(newCardAttempt("7K3M9Q2XR8WD", largestCart(), GUEST_CHOICE));
    await expect(openAttempt(`${sealed.slice(0, -4)}AAAA`)).resolves.toBeUndefined();
    await expect(openAttempt("Fe26.2**not-a-seal")).resolves.toBeUndefined();
    const attempt = newCardAttempt("7K3M9Q2XR8WD", largestCart(), GUEST_CHOICE);
    await expect(openAttempt(await sealHandoff("order-access", attempt, 60_000))).resolves.toBeUndefined();
  });

  it("still opens a request an earlier release sealed with iron-session, which Bolt may still be asked to answer", async () => {
    const attempt = newCardAttempt("7K3M9Q2XR8WD", largestCart(), GUEST_CHOICE);
    const earlier = await sealHandoff("checkout-attempt", attempt, 60_000);
    expect(earlier).toMatch(/^Fe26\.2\*/);
    await expect(openAttempt(earlier)).resolves.toEqual(attempt);
  });
});
