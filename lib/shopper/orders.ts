import "server-only";
import type { OrderAccess } from "@/lib/checkout/order-access";
import type { Database } from "@/lib/db";
import { getOrderForShopper, isGuestKey, isOrderId, type Order } from "@/lib/ledger";

/** What the order page knows of who is asking. */
export type OrderViewer = {
  /** Bolt's `sub`, when a shopper is signed in. */
  sub?: string;
  /** The guest orders this browser placed (its order-access cookie). */
  granted: readonly OrderAccess[];
  /** The `?key=` of an order link, as the URL carried it. */
  key?: string;
};

export type ViewableOrder = {
  order: Order;
  /** The guest's own link to the order, when a guest key opened it; null for a signed-in shopper's order. */
  link: string | null;
};

export function guestOrderPath(orderId: string, guestKey: string): string {
  return `/orders/${orderId}?key=${guestKey}`;
}

/**
 * The order if this viewer may see it: their own by Bolt `sub`, or a guest's by the key this browser
 * was given or the link carries. Null otherwise, the same null whatever the reason, so the page cannot
 * tell an unknown id from someone else's order or a wrong key. The id alone opens nothing.
 */
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
