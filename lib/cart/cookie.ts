import * as z from "zod";
import type { Env } from "@/lib/env";
import { cookieName } from "@/lib/http/cookie-name";
import { addItem, clampQuantity, MAX_CART_LINES, type CartItem } from "./items";

/** `__Host-` over https, so a sibling subdomain can't swap the cart. */
export function cartCookieName(env: Env): string {
  return cookieName(env, "cart");
}

/** Only a plain-http LAN demo turns `secure` off (`sessionCookieInsecure`): browsers accept it on localhost. */
export function cartCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 60 * 60 * 24 * 30 } as const;
}

const MAX_COOKIE_LENGTH = 4096;

const StoredCart = z.array(z.unknown()).max(MAX_CART_LINES);
const StoredLine = z.object({ id: z.string().max(100), quantity: z.number() });

/** Never throws: bad lines are dropped, quantities clamped, anything else (a forged `price`) ignored. */
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
