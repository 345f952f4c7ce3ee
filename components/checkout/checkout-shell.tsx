import type { ReactNode } from "react";
import type { Cart } from "@/lib/cart";
import { OrderSummary } from "./order-summary";
import styles from "./checkout.module.css";

/** The summary comes first, so on a phone the saved details streaming in below never push it around. */
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
