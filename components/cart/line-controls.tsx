"use client";

import { useActionState } from "react";
import { MAX_QUANTITY, MIN_QUANTITY } from "@/lib/cart/items";
import { PendingButton } from "@/components/ui/pending-button";
import { removeFromCart, setQuantity, type CartActionState } from "@/app/(checkout)/cart/actions";
import styles from "./line-controls.module.css";

const initialState: CartActionState = {};

type Props = { productId: string; productName: string; quantity: number };

export function LineControls({ productId, productName, quantity }: Props) {
  const [quantityState, quantityAction] = useActionState(setQuantity, initialState);
  const [removeState, removeAction] = useActionState(removeFromCart, initialState);
  const error = quantityState.error ?? removeState.error;

  return (
    <div className={styles.controls}>
      <form action={quantityAction}>
        <input type="hidden" name="productId" value={productId} />
        <div role="group" aria-label={`Quantity of ${productName}`} className={styles.stepper}>
          <PendingButton
            name="quantity"
            value={quantity - 1}
            unavailable={quantity <= MIN_QUANTITY}
            aria-label={`Decrease quantity of ${productName}`}
            className={styles.step}
          >
            <span aria-hidden="true">−</span>
          </PendingButton>
          <span className={styles.quantity} data-testid="line-quantity">
            {quantity}
          </span>
          <PendingButton
            name="quantity"
            value={quantity + 1}
            unavailable={quantity >= MAX_QUANTITY}
            aria-label={`Increase quantity of ${productName}`}
            className={styles.step}
          >
            <span aria-hidden="true">+</span>
          </PendingButton>
        </div>
      </form>
      <form action={removeAction}>
        <input type="hidden" name="productId" value={productId} />
        <PendingButton
          aria-label={`Remove ${productName} from cart`}
          className={styles.remove}
          pendingLabel="Removing…"
        >
          Remove
        </PendingButton>
      </form>
      <p role="status" className={error ? styles.error : "visually-hidden"}>
        {error ?? quantityState.notice}
      </p>
    </div>
  );
}
