import { formatMoney } from "@/lib/money";
import styles from "./order-summary.module.css";

export type SummaryTotals = {
  lines: ReadonlyArray<{ name: string; quantity: number; lineTotal: number }>;
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
};

/** Items and totals, priced on the server: a cart at checkout, or a placed order's receipt. */
export function OrderSummary({ cart, title = "Order summary" }: { cart: SummaryTotals; title?: string }) {
  const headingId = "order-summary";
  return (
    <section className={styles.summary} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {title}
      </h2>
      <ul className={styles.lines}>
        {cart.lines.map((line) => (
          <li key={line.name} className={styles.line}>
            <span>
              {line.name} <span className={styles.quantity}>× {line.quantity}</span>
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
