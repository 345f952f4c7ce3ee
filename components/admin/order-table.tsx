import Link from "next/link";
import { listHref, type ListQuery } from "@/lib/admin/list-query";
import { getDatabase } from "@/lib/db";
import { listOrders } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import { DeskDate } from "./desk-date";
import { STATUS_LABELS } from "./desk-words";
import { PendingLink } from "./pending-link";
import styles from "./desk.module.css";

const PAGE_SIZE = 20;

/** A page of orders: a table on a wide screen, one card per order on a phone (each cell then names itself). */
export async function OrderTable({ query }: { query: ListQuery }) {
  const { status, search, before, after } = query;
  const page = await listOrders(await getDatabase(), { limit: PAGE_SIZE, status, search, before, after });
  if (page.orders.length === 0) {
    const filtered = status || search || before || after;
    return (
      <p className={styles.empty} data-testid="desk-orders-empty">
        {filtered ? "No orders match." : "No orders yet."} {filtered && <Link href="/admin">Show every order</Link>}
      </p>
    );
  }
  const filters = { status, search };
  return (
    <>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="desk-orders">
          <caption className="visually-hidden">Orders, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Placed</th>
              <th scope="col">Order</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
              <th scope="col" className={styles.number}>
                Total
              </th>
              <th scope="col" className={styles.number}>
                Captured
              </th>
              <th scope="col" className={styles.number}>
                Refunded
              </th>
            </tr>
          </thead>
          <tbody>
            {page.orders.map((order) => {
              const money = (cents: number) => formatMoney(cents, order.currency);
              return (
                <tr key={order.id}>
                  <td data-label="Placed">
                    <DeskDate date={order.createdAt} />
                  </td>
                  <th scope="row" data-label="Order">
                    <PendingLink href={`/admin/orders/${order.id}`}>{order.id}</PendingLink>
                  </th>
                  <td data-label="Email" className={styles.email}>
                    {order.email ?? <span className={styles.muted}>removed</span>}
                    {order.guest && <span className={styles.tag}>guest</span>}
                  </td>
                  <td data-label="Status">
                    <span className={styles.status} data-status={order.status}>
                      {STATUS_LABELS[order.status]}
                    </span>
                  </td>
                  <td data-label="Total" className={styles.number}>
                    {money(order.totalCents)}
                  </td>
                  <td data-label="Captured" className={styles.number}>
                    {money(order.capturedCents)}
                  </td>
                  <td data-label="Refunded" className={styles.number}>
                    {money(order.refundedCents)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {(page.previous || page.next) && (
        <nav aria-label="More orders" className={styles.pages}>
          {page.previous && (
            <Link href={listHref({ ...filters, after: page.previous })} className="button button-secondary">
              Newer orders
            </Link>
          )}
          {page.next && (
            <Link
              href={listHref({ ...filters, before: page.next })}
              className={`button button-secondary ${styles.older}`}
            >
              Older orders
            </Link>
          )}
        </nav>
      )}
    </>
  );
}

export function OrderTableSkeleton() {
  return (
    <div className={styles.skeleton} aria-busy="true" data-testid="desk-orders-loading">
      <p role="status" className="visually-hidden">
        Loading orders
      </p>
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className={styles.skeletonRow} />
      ))}
    </div>
  );
}
