import type { Cart } from "@/lib/cart";
import { CartLine } from "./cart-line";
import { CartSummary } from "./cart-summary";
import styles from "./cart-details.module.css";

export function CartDetails({ cart }: { cart: Cart }) {
  return (
    <div className={`container ${styles.page}`}>
      {/* Focusable from script: focus lands here after a line is removed (RemovalFocus). */}
      <h1 className={styles.title} tabIndex={-1}>
        Your cart
      </h1>
      <div className={styles.layout}>
        <section aria-labelledby="cart-items-title">
          <h2 id="cart-items-title" className="visually-hidden">
            Items
          </h2>
          <ul className={styles.lines}>
            {cart.lines.map((line) => (
              <CartLine key={line.product.id} line={line} />
            ))}
          </ul>
        </section>
        <div className={styles.aside}>
          <CartSummary cart={cart} />
        </div>
      </div>
    </div>
  );
}
