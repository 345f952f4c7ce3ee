"use server";

import { refresh } from "next/cache";
import * as z from "zod";
import { readCartItems, saveCartItems } from "@/lib/cart";
import { addItem, MAX_QUANTITY, MIN_QUANTITY, removeItem, setItemQuantity } from "@/lib/cart/items";
import { getProductById } from "@/lib/catalog";

export type CartActionState = { error?: string; notice?: string };

const ProductId = z.string().refine((id) => getProductById(id) !== undefined, {
  error: "Sorry, that product is no longer available.",
});

const quantityError = { error: `Choose a quantity from ${MIN_QUANTITY} to ${MAX_QUANTITY}.` };
const Quantity = z.coerce
  .number(quantityError)
  .int(quantityError)
  .min(MIN_QUANTITY, quantityError)
  .max(MAX_QUANTITY, quantityError);

const LineInput = z.object({ productId: ProductId, quantity: Quantity });
const RemoveInput = z.object({ productId: ProductId });

function failure(error: z.ZodError): CartActionState {
  return { error: error.issues[0]?.message ?? "Something went wrong. Please try again." };
}

export async function addToCart(_previous: CartActionState, form: FormData): Promise<CartActionState> {
  const input = LineInput.safeParse(Object.fromEntries(form));
  if (!input.success) return failure(input.error);
  const { productId, quantity } = input.data;

  const items = await readCartItems();
  const before = items.find((item) => item.id === productId)?.quantity ?? 0;
  if (before >= MAX_QUANTITY) {
    return { error: `Your cart already has ${MAX_QUANTITY} of these, the most you can order.` };
  }
  await saveCartItems(addItem(items, productId, quantity));
  refresh();

  const after = Math.min(MAX_QUANTITY, before + quantity);
  const limited = after - before < quantity ? ` ${MAX_QUANTITY} is the most you can order.` : "";
  return { notice: `Added to your cart (${after} in cart).${limited}` };
}

export async function setQuantity(_previous: CartActionState, form: FormData): Promise<CartActionState> {
  const input = LineInput.safeParse(Object.fromEntries(form));
  if (!input.success) return failure(input.error);
  const { productId, quantity } = input.data;

  await saveCartItems(setItemQuantity(await readCartItems(), productId, quantity));
  refresh();
  return { notice: `Quantity updated to ${quantity}.` };
}

export async function removeFromCart(_previous: CartActionState, form: FormData): Promise<CartActionState> {
  const input = RemoveInput.safeParse(Object.fromEntries(form));
  if (!input.success) return failure(input.error);

  await saveCartItems(removeItem(await readCartItems(), input.data.productId));
  refresh();
  return {};
}
