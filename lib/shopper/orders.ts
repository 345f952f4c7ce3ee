import "server-only";
import type { OrderAccess } from "@/lib/checkout/order-access";
import type { Database } from "@/lib/db";
import { getOrderForShopper, isGuestKey, isOrderId, type Order } from "@/lib/ledger";

export type OrderViewer = {
  sub?: string;
  /** From the order-access cookie. */
  granted: readonly OrderAccess[];
  /** The order link's `?key=`. */
  key?: string;
};

export type ViewableOrder = {
  order: Order;
  /** Null for a signed-in shopper's order. */
  link: string | null;
};

export function guestOrderPath(orderId: string, guestKey: string): string {
  return `/orders/${orderId}?key=${guestKey}`;
}

/** The same null whatever the reason: the page cannot tell an unknown id from someone else's order. */
export async function findViewableOrder(
  db: Database,
  orderId: string,
  viewer: OrderViewer,
): Promise<ViewableOrder | null> {
  if (!isOrderId(orderId)) return null;
  if (viewer.sub) {
    const order = await getOrderForShopper(db, orderId, { sub: viewer.sub });
    if (order) return { order, link: null };
  }
  const granted = viewer.granted.find((access) => access.orderId === orderId)?.guestKey;
  const keys = new Set([granted, viewer.key].filter(isGuestKey));
  for (const guestKey of keys) {
    const order = await getOrderForShopper(db, orderId, { guestKey });
    if (order) return { order, link: guestOrderPath(order.id, guestKey) };
  }
  return null;
}
