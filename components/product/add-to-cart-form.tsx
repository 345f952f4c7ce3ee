"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useSyncExternalStore } from "react";
import { addToCart, type CartActionState } from "@/app/(checkout)/cart/actions";
import { loadShopperSummary } from "@/components/layout/shopper-summary";
import { PendingButton } from "@/components/ui/pending-button";
import { MAX_QUANTITY, MIN_QUANTITY } from "@/lib/cart/items";
import styles from "./add-to-cart-form.module.css";

const quantities = Array.from({ length: MAX_QUANTITY - MIN_QUANTITY + 1 }, (_, index) => MIN_QUANTITY + index);
const initialState: CartActionState = {};

const noop = () => () => {};

/** Without JavaScript it posts and goes on to the cart; hydrated, it stays (`inPlace`) and says what was added. */
export function AddToCartForm({ productId }: { productId: string }) {
  const [state, formAction] = useActionState(addToCart, initialState);
  const quantityId = useId();
  const hydrated = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  useEffect(() => {
    if (state.notice) void loadShopperSummary();
  }, [state]);

  return (
    <form action={formAction} className={styles.form}>
      <input type="hidden" name="productId" value={productId} />
      {hydrated ? <input type="hidden" name="inPlace" value="1" /> : null}
      <div className={styles.row}>
        <div className={styles.field}>
          <label htmlFor={quantityId} className={styles.label}>
            Quantity
          </label>
          <select id={quantityId} name="quantity" defaultValue={MIN_QUANTITY} className={styles.select}>
            {quantities.map((quantity) => (
              <option key={quantity} value={quantity}>
                {quantity}
              </option>
            ))}
          </select>
        </div>
        <PendingButton className={`button ${styles.submit}`} pendingLabel="Adding…">
          Add to cart
        </PendingButton>
      </div>
      <div role="status" className={styles.status}>
        {state.notice ? (
          <p className={styles.notice}>
            {state.notice} <Link href="/cart">View cart</Link>
          </p>
        ) : null}
        {state.error ? <p className={styles.error}>{state.error}</p> : null}
      </div>
    </form>
  );
}
