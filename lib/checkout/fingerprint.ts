import { createHash } from "node:crypto";
import type { Cart } from "@/lib/cart";
import { formatMoney } from "@/lib/money";

/**
 * A short digest of what the shopper was shown: every line (product, quantity, price) and every
 * amount. The checkout page sends it with the order; if the cart changed since (another tab), the
 * fingerprints differ and nothing is charged.
 */
export function cartFingerprint(cart: Cart): string {
  const shown = [
    cart.currency,
    cart.lines.map((line) => [line.product.id, line.quantity, line.product.price, line.lineTotal]),
    cart.subtotal,
    cart.shipping,
    cart.tax,
    cart.total,
  ];
  return createHash("sha256").update(JSON.stringify(shown)).digest("base64url").slice(0, 32);
}

/** What the checkout page shows and sends back with the order: the total, and the cart's fingerprint. */
export type ShownCart = { total: number; totalLabel: string; fingerprint: string };

export function shownCart(cart: Cart): ShownCart {
  return { total: cart.total, totalLabel: formatMoney(cart.total), fingerprint: cartFingerprint(cart) };
}
