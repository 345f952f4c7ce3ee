import { createHash } from "node:crypto";
import type { Cart } from "@/lib/cart";
import type { Order } from "@/lib/ledger";

type Lines = {
  currency: string;
  lines: (readonly [id: string, quantity: number, price: number, lineTotal: number])[];
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
};

function digest({ currency, lines, subtotal, shipping, tax, total }: Lines): string {
  return createHash("sha256")
    .update(JSON.stringify([currency, lines, subtotal, shipping, tax, total]))
    .digest("base64url")
    .slice(0, 32);
}

/** A digest of every line and amount the shopper was shown: if the cart changes meanwhile, nothing is charged. */
export function cartFingerprint(cart: Cart): string {
  return digest({
    currency: cart.currency,
    lines: cart.lines.map((line) => [line.product.id, line.quantity, line.product.price, line.lineTotal] as const),
    subtotal: cart.subtotal,
    shipping: cart.shipping,
    tax: cart.tax,
    total: cart.total,
  });
}

export type ChargedCart = Pick<
  Order,
  "currency" | "lines" | "itemsCents" | "shippingCents" | "taxCents" | "totalCents"
>;

/** A placed order empties only the cart it charged. */
export function orderFingerprint(order: ChargedCart): string {
  return digest({
    currency: order.currency,
    lines: order.lines.map(
      (line) => [line.productId, line.quantity, line.unitPriceCents, line.lineTotalCents] as const,
    ),
    subtotal: order.itemsCents,
    shipping: order.shippingCents,
    tax: order.taxCents,
    total: order.totalCents,
  });
}
