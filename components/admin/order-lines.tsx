import type { Order } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import styles from "./desk.module.css";

export function OrderLines({ order }: { order: Order }) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  return (
    <section aria-labelledby="desk-lines-heading" className={styles.panel}>
      <h2 id="desk-lines-heading" className={styles.sectionTitle}>
        What was bought
      </h2>
      <table className={styles.lines}>
        <caption className="visually-hidden">Order lines</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className={styles.number}>
              Qty
            </th>
            <th scope="col" className={styles.number}>
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.productId}>
              <th scope="row">{line.name}</th>
              <td className={styles.number}>{line.quantity}</td>
              <td className={styles.number}>{money(line.lineTotalCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Shipping
            </th>
            <td className={styles.number}>{money(order.shippingCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              Tax
            </th>
            <td className={styles.number}>{money(order.taxCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className={styles.number}>{money(order.totalCents)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
