import Link from "next/link";
import type { Order } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import { OrderDate } from "./order-date";
import { statusWords } from "./order-status";
import styles from "./orders.module.css";

type Props = {
  orders: readonly Order[];
  older: string | null;
  newer: string | null;
  /** An empty later page says so differently. */
  paged: boolean;
};

export function OrderList({ orders, older, newer, paged }: Props) {
  if (orders.length === 0) {
    return paged ? (
      <p>
        No orders on this page. <Link href="/orders">See your latest orders</Link>.
      </p>
    ) : (
      <div className={styles.sections}>
        <p>You haven&apos;t placed an order with this Bolt account here yet.</p>
        <div className={styles.actions}>
          <Link href="/" className="button">
            Start shopping
          </Link>
        </div>
      </div>
    );
  }
  return (
    <>
      <ol className={styles.list} data-testid="order-list">
        {orders.map((order) => (
          <li key={order.id} className={styles.item}>
            <Link href={`/orders/${order.id}`} className={styles.itemLink}>
              Order {order.id}
            </Link>
            <dl className={styles.itemFacts}>
              <div>
                <dt className="visually-hidden">Placed</dt>
                <dd>
                  <OrderDate date={order.createdAt} />
                </dd>
              </div>
              <div>
                <dt className="visually-hidden">Status</dt>
                <dd>{statusWords(order).label}</dd>
              </div>
            </dl>
            <p className={styles.itemTotal}>
              <span className="visually-hidden">Total </span>
              {formatMoney(order.totalCents, order.currency)}
            </p>
          </li>
        ))}
      </ol>
      {(older || newer) && (
        <nav aria-label="More orders" className={styles.pages}>
          {newer && (
            <Link href={`/orders?after=${newer}`} className="button button-secondary">
              Newer orders
            </Link>
          )}
          {older && (
            <Link href={`/orders?before=${older}`} className={`button button-secondary ${styles.older}`}>
              Older orders
            </Link>
          )}
        </nav>
      )}
    </>
  );
}

export function OrderListSkeleton() {
  return (
    <div className={styles.list} aria-busy="true" data-testid="order-list-loading">
      <p className="visually-hidden" role="status">
        Loading your orders
      </p>
      {[0, 1, 2].map((row) => (
        <div key={row} className={styles.skeletonItem} />
      ))}
    </div>
  );
}
