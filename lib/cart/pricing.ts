import type { Product } from "@/lib/catalog";
import type { CartItem } from "./items";

// Demo pricing rules, in integer USD cents.
export const FREE_SHIPPING_THRESHOLD = 7500;
export const FLAT_SHIPPING = 700;
/** 8% on the subtotal (shipping untaxed), in basis points to keep the math integer. */
export const TAX_RATE_BASIS_POINTS = 800;

export type PricedLine = { product: Product; quantity: number; lineTotal: number };

export type Cart = {
  lines: PricedLine[];
  itemCount: number;
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
  currency: "USD";
};

/** Rounded half-up to a whole cent, in integer arithmetic. */
export function shareOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5000) / 10000);
}

export function shippingFor(subtotal: number): number {
  return subtotal === 0 || subtotal >= FREE_SHIPPING_THRESHOLD ? 0 : FLAT_SHIPPING;
}

/** Items whose product is not among `products` are left out. */
export function priceCart(items: readonly CartItem[], products: readonly Product[]): Cart {
  const byId = new Map(products.map((product) => [product.id, product]));
  const lines = items.flatMap(({ id, quantity }): PricedLine[] => {
    const product = byId.get(id);
    return product ? [{ product, quantity, lineTotal: product.price * quantity }] : [];
  });
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const shipping = shippingFor(subtotal);
  const tax = shareOf(subtotal, TAX_RATE_BASIS_POINTS);
  return {
    lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal,
    shipping,
    tax,
    total: subtotal + shipping + tax,
    currency: "USD",
  };
}
