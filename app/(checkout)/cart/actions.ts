"use server";

import { refresh } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import * as z from "zod";
import { readCartItems, saveCartItems } from "@/lib/cart";
import { addItem, MAX_QUANTITY, MIN_QUANTITY, removeItem, setItemQuantity } from "@/lib/cart/items";
import { getProductsByIds } from "@/lib/catalog";
import { cookieStoreJar } from "@/lib/session/cookie";

export type CartActionState = { error?: string; notice?: string };

const ProductId = z
  .string()
  .max(100)
  .refine(async (id) => (await getProductsByIds([id])).length > 0, {
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
/** Sent once the form's script runs: it then shows the result in place. */
const AddInput = LineInput.extend({ inPlace: z.literal("1").optional() });

function failure(error: z.ZodError): CartActionState {
  return { error: error.issues[0]?.message ?? "Something went wrong. Please try again." };
}

/** A product page is static and can't show the cart, so without JavaScript the form goes on to /cart. */
export async function addToCart(_previous: CartActionState, form: FormData): Promise<CartActionState> {
  const input = await AddInput.safeParseAsync(Object.fromEntries(form));
  if (!input.success) return failure(input.error);
  const { productId, quantity, inPlace } = input.data;

  const items = await readCartItems();
  const before = items.find((item) => item.id === productId)?.quantity ?? 0;
  if (before >= MAX_QUANTITY) {
    return { error: `Your cart already has ${MAX_QUANTITY} of these, the most you can order.` };
  }
  saveCartItems(cookieStoreJar(await cookies()), addItem(items, productId, quantity));
  if (!inPlace) redirect("/cart");

  const after = Math.min(MAX_QUANTITY, before + quantity);
  const limited = after - before < quantity ? ` ${MAX_QUANTITY} is the most you can order.` : "";
  return { notice: `Added to your cart (${after} in cart).${limited}` };
}

export async function setQuantity(_previous: CartActionState, form: FormData): Promise<CartActionState> {
  const input = await LineInput.safeParseAsync(Object.fromEntries(form));
  if (!input.success) return failure(input.error);
  const { productId, quantity } = input.data;

  saveCartItems(cookieStoreJar(await cookies()), setItemQuantity(await readCartItems(), productId, quantity));
  refresh();
  return { notice: `Quantity updated to ${quantity}.` };
}

export async function removeFromCart(_previous: CartActionState, form: FormData): Promise<CartActionState> {
  const input = await RemoveInput.safeParseAsync(Object.fromEntries(form));
  if (!input.success) return failure(input.error);

  saveCartItems(cookieStoreJar(await cookies()), removeItem(await readCartItems(), input.data.productId));
  refresh();
  return {};
}
