import type { Product } from "@/lib/catalog";
import type { CartItem } from "./items";

// Demo pricing rules. All amounts are integer USD cents.
/** Orders whose subtotal reaches $75.00 ship free. */
export const FREE_SHIPPING_THRESHOLD = 7500;
/** Below the threshold, shipping is a flat $7.00. */
export const FLAT_SHIPPING = 700;
/** A flat demo sales tax of 8% on the subtotal (shipping is not taxed), in basis points to keep the math integer. */
export const TAX_RATE_BASIS_POINTS = 800;

/** One product in the cart, priced from the catalog on the server. */
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

/** `amount × basisPoints / 10000`, rounded half-up to a whole cent, in integer arithmetic. */
export function shareOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5000) / 10000);
}

export function shippingFor(subtotal: number): number {
  return subtotal === 0 || subtotal >= FREE_SHIPPING_THRESHOLD ? 0 : FLAT_SHIPPING;
}

/**
 * Prices items with the catalog's products (looked up by the caller, on the server); items whose
 * product is not among them are left out.
 */
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
