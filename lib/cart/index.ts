import "server-only";
import { cookies } from "next/headers";
import { CART_COOKIE, cartCookieOptions, parseCartCookie, serializeCartCookie } from "./cookie";
import { getEnv } from "@/lib/env";
import type { CartItem } from "./items";
import { priceCart, type Cart } from "./pricing";

export type { Cart, PricedLine } from "./pricing";
export type { CartItem } from "./items";

/** The shopper's cart, priced on the server from the catalog. Safe to call while rendering. */
export async function getCart(): Promise<Cart> {
  return priceCart(await readCartItems());
}

export async function readCartItems(): Promise<CartItem[]> {
  return parseCartCookie((await cookies()).get(CART_COOKIE)?.value);
}

/** Writes the cart cookie. Only valid in Server Actions and Route Handlers. */
export async function saveCartItems(items: readonly CartItem[]): Promise<void> {
  if (items.length === 0) return clearCart();
  (await cookies()).set(CART_COOKIE, serializeCartCookie(items), cartCookieOptions(!getEnv().sessionCookieInsecure));
}

/** Deletes the cart cookie. Only valid in Server Actions and Route Handlers. */
export async function clearCart(): Promise<void> {
  (await cookies()).delete({ ...cartCookieOptions(!getEnv().sessionCookieInsecure), name: CART_COOKIE, maxAge: 0 });
}
