import * as z from "zod";
import type { Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { addItem, clampQuantity, type CartItem } from "./items";

/** `__Host-cart` over https, like the session cookie, so a sibling subdomain can't swap the cart; `cart` on plain http. */
export function cartCookieName(env: Env): string {
  return cookieName(env, "cart");
}

/**
 * Browsers accept Secure cookies from http://localhost, so only a plain-http LAN demo turns
 * `secure` off, with the same switch as the session cookie (`sessionCookieInsecure`).
 */
export function cartCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 60 * 60 * 24 * 30 } as const;
}

// Browsers cap a cookie at 4096 bytes, so anything longer was not written by this app.
const MAX_COOKIE_LENGTH = 4096;

const StoredCart = z.array(z.unknown()).max(100);
const StoredLine = z.object({ id: z.string().max(100), quantity: z.number() });

/**
 * Reads the cart cookie as untrusted input and never throws: malformed values give an empty cart,
 * lines of the wrong shape are dropped, quantities are clamped, and duplicate lines are merged. Any
 * other field (a forged `price`, say) is ignored. Whether each product exists is the catalog's
 * call (see `lib/cart/index.ts`).
 */
export function parseCartCookie(raw: string | undefined): CartItem[] {
  if (!raw || raw.length > MAX_COOKIE_LENGTH) return [];
  const lines = StoredCart.safeParse(parseJson(raw));
  if (!lines.success) return [];
  return lines.data.reduce<CartItem[]>((items, entry) => {
    const line = StoredLine.safeParse(entry);
    if (!line.success) return items;
    return addItem(items, line.data.id, clampQuantity(line.data.quantity));
  }, []);
}

export function serializeCartCookie(items: readonly CartItem[]): string {
  return JSON.stringify(items.map(({ id, quantity }) => ({ id, quantity })));
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
