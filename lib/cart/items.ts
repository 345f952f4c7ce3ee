/** What the cart cookie holds: product ids and quantities, never prices. */
export type CartItem = { id: string; quantity: number };

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 10;
/** Lines a cart may hold; an order holds as many, so any cart the shop accepts can be paid for and recorded. */
export const MAX_CART_LINES = 100;

export function clampQuantity(quantity: number): number {
  return Math.min(MAX_QUANTITY, Math.max(MIN_QUANTITY, Math.trunc(quantity)));
}

/** Never beyond MAX_QUANTITY per line or MAX_CART_LINES. */
export function addItem(items: readonly CartItem[], id: string, quantity: number): CartItem[] {
  const existing = items.find((item) => item.id === id);
  if (!existing && items.length >= MAX_CART_LINES) return [...items];
  if (!existing) return [...items, { id, quantity: clampQuantity(quantity) }];
  return setItemQuantity(items, id, existing.quantity + quantity);
}

export function setItemQuantity(items: readonly CartItem[], id: string, quantity: number): CartItem[] {
  return items.map((item) => (item.id === id ? { id, quantity: clampQuantity(quantity) } : item));
}

export function removeItem(items: readonly CartItem[], id: string): CartItem[] {
  return items.filter((item) => item.id !== id);
}
