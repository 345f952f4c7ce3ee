import { formatMoney } from "@/lib/money";
import styles from "./order-summary.module.css";

export type SummaryTotals = {
  lines: ReadonlyArray<{ name: string; quantity: number; lineTotal: number }>;
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
  /** Minor units of this currency; USD when absent. */
  currency?: string;
  /** Given back so far, shown under the total when there is any. */
  refunded?: number;
};

/** Items and totals, priced on the server: a cart at checkout, or a placed order. */
export function OrderSummary({ cart, title = "Order summary" }: { cart: SummaryTotals; title?: string }) {
  const headingId = "order-summary";
  const money = (minor: number) => formatMoney(minor, cart.currency);
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
            <span>{money(line.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <dl className={styles.totals}>
        <div>
          <dt>Subtotal</dt>
          <dd>{money(cart.subtotal)}</dd>
        </div>
        <div>
          <dt>Shipping</dt>
          <dd>{cart.shipping === 0 ? "Free" : money(cart.shipping)}</dd>
        </div>
        <div>
          <dt>Tax</dt>
          <dd>{money(cart.tax)}</dd>
        </div>
        <div className={styles.total}>
          <dt>Total</dt>
          <dd data-testid="order-total">{money(cart.total)}</dd>
        </div>
        {cart.refunded ? (
          <div>
            <dt>Refunded</dt>
            <dd data-testid="order-refunded">−{money(cart.refunded)}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
