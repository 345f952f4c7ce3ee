import type { Metadata } from "next";
import { CartDetails } from "@/components/cart/cart-details";
import { EmptyCart } from "@/components/cart/empty-cart";
import { RemovalFocus } from "@/components/cart/removal-focus";
import { getCart } from "@/lib/cart";

export const metadata: Metadata = { title: "Cart" };

export default async function CartPage() {
  const cart = await getCart();
  return (
    <>
      <RemovalFocus names={cart.lines.map((line) => line.product.name)} />
      {cart.lines.length === 0 ? <EmptyCart /> : <CartDetails cart={cart} />}
    </>
  );
}
