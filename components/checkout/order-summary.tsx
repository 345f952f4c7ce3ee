import type { Cart } from "@/lib/cart";
import { formatMoney } from "@/lib/money";
import styles from "./order-summary.module.css";

/** Items and totals, priced on the server from the catalog. */
export function OrderSummary({ cart, headingId = "order-summary" }: { cart: Cart; headingId?: string }) {
  return (
    <section className={styles.summary} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Order summary
      </h2>
      <ul className={styles.lines}>
        {cart.lines.map((line) => (
          <li key={line.product.id} className={styles.line}>
            <span>
              {line.product.name} <span className={styles.quantity}>× {line.quantity}</span>
            </span>
            <span>{formatMoney(line.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <dl className={styles.totals}>
        <div>
          <dt>Subtotal</dt>
          <dd>{formatMoney(cart.subtotal)}</dd>
        </div>
        <div>
          <dt>Shipping</dt>
          <dd>{cart.shipping === 0 ? "Free" : formatMoney(cart.shipping)}</dd>
        </div>
        <div>
          <dt>Tax</dt>
          <dd>{formatMoney(cart.tax)}</dd>
        </div>
        <div className={styles.total}>
          <dt>Total</dt>
          <dd data-testid="order-total">{formatMoney(cart.total)}</dd>
        </div>
      </dl>
    </section>
  );
}
