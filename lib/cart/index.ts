import "server-only";
import { cookies } from "next/headers";
import { getProductsByIds, type Product } from "@/lib/catalog";
import { getEnv } from "@/lib/env";
import { cartCookieName, cartCookieOptions, parseCartCookie, serializeCartCookie } from "./cookie";
import type { CartItem } from "./items";
import { priceCart, type Cart } from "./pricing";

export type { Cart, PricedLine } from "./pricing";
export type { CartItem } from "./items";

/** The cookie's lines whose product the catalog knows, and those products. */
async function readKnownLines(): Promise<{ items: CartItem[]; products: Product[] }> {
  const lines = parseCartCookie((await cookies()).get(cartCookieName(getEnv()))?.value);
  const products = await getProductsByIds(lines.map((line) => line.id));
  const known = new Set(products.map((product) => product.id));
  return { items: lines.filter((line) => known.has(line.id)), products };
}

/** The shopper's cart, priced on the server from the catalog. Safe to call while rendering. */
export async function getCart(): Promise<Cart> {
  const { items, products } = await readKnownLines();
  return priceCart(items, products);
}

/** The cart's lines; a line whose product left the catalog is dropped. */
export async function readCartItems(): Promise<CartItem[]> {
  return (await readKnownLines()).items;
}

/** Writes the cart cookie. Only valid in Server Actions and Route Handlers. */
export async function saveCartItems(items: readonly CartItem[]): Promise<void> {
  if (items.length === 0) return clearCart();
  const env = getEnv();
  (await cookies()).set(cartCookieName(env), serializeCartCookie(items), cartCookieOptions(!env.sessionCookieInsecure));
}

/** Deletes the cart cookie. Only valid in Server Actions and Route Handlers. */
export async function clearCart(): Promise<void> {
  const env = getEnv();
  (await cookies()).delete({ ...cartCookieOptions(!env.sessionCookieInsecure), name: cartCookieName(env), maxAge: 0 });
}
