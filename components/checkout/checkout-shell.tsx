import type { ReactNode } from "react";
import type { Cart } from "@/lib/cart";
import { OrderSummary } from "./order-summary";
import styles from "./checkout.module.css";

/**
 * The checkout's frame: the steps on the left, the server-priced order summary on the right. The
 * summary comes first in the page so that on a phone it sits above the steps: the saved details
 * that stream in below it then never push it around (no layout shift).
 */
export function CheckoutShell({ cart, children }: { cart: Cart; children: ReactNode }) {
  return (
    <div className={`container ${styles.page}`}>
      <h1 className={styles.title}>Checkout</h1>
      <div className={styles.layout}>
        <aside className={styles.aside}>
          <OrderSummary cart={{ ...cart, lines: cart.lines.map((line) => ({ ...line, name: line.product.name })) }} />
        </aside>
        <div className={styles.main}>{children}</div>
      </div>
    </div>
  );
}
