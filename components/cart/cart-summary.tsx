import Link from "next/link";
import type { Cart } from "@/lib/cart";
import { FREE_SHIPPING_THRESHOLD, TAX_RATE_BASIS_POINTS } from "@/lib/cart/pricing";
import { formatMoney } from "@/lib/money";
import styles from "./cart-summary.module.css";

export function CartSummary({ cart }: { cart: Cart }) {
  const rows = [
    { label: "Subtotal", value: formatMoney(cart.subtotal), testId: "cart-subtotal" },
    { label: "Shipping", value: cart.shipping === 0 ? "Free" : formatMoney(cart.shipping), testId: "cart-shipping" },
    { label: `Tax (${TAX_RATE_BASIS_POINTS / 100}%)`, value: formatMoney(cart.tax), testId: "cart-tax" },
  ];
  return (
    <section className={styles.summary} aria-labelledby="cart-summary-title">
      <h2 id="cart-summary-title" className={styles.title}>
        Order summary
      </h2>
      <dl className={styles.rows}>
        {rows.map((row) => (
          <div key={row.label} className={styles.row}>
            <dt>{row.label}</dt>
            <dd data-testid={row.testId}>{row.value}</dd>
          </div>
        ))}
        <div className={`${styles.row} ${styles.total}`}>
          <dt>Total</dt>
          <dd data-testid="cart-total">{formatMoney(cart.total)}</dd>
        </div>
      </dl>
      {cart.shipping > 0 ? (
        <p className={styles.hint}>
          Add {formatMoney(FREE_SHIPPING_THRESHOLD - cart.subtotal)} more for free shipping.
        </p>
      ) : null}
      <Link href="/checkout" className={`button ${styles.checkout}`}>
        Checkout
      </Link>
      <p className={styles.fine}>One-click checkout with Bolt. Totals are calculated on our server.</p>
    </section>
  );
}
