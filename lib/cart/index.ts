import "server-only";
import type { CookieJar } from "iron-session";
import { cookies } from "next/headers";
import { getProductsByIds, type Product } from "@/lib/catalog";
import { getEnv } from "@/lib/env";
import { cartCookieName, cartCookieOptions, parseCartCookie, serializeCartCookie } from "./cookie";
import type { CartItem } from "./items";
import { priceCart, type Cart } from "./pricing";

export type { Cart, PricedLine } from "./pricing";
export type { CartItem } from "./items";

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

/** A line whose product left the catalog is dropped. */
export async function readCartItems(): Promise<CartItem[]> {
  return (await readKnownLines()).items;
}

export function saveCartItems(jar: CookieJar, items: readonly CartItem[]): void {
  if (items.length === 0) return clearCart(jar);
  const env = getEnv();
  jar.write(cartCookieName(env), serializeCartCookie(items), cartCookieOptions(!env.sessionCookieInsecure));
}

export function clearCart(jar: CookieJar): void {
  const env = getEnv();
  jar.write(cartCookieName(env), "", { ...cartCookieOptions(!env.sessionCookieInsecure), maxAge: 0 });
}
