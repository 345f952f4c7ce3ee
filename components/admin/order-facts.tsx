import { networkName } from "@/components/checkout/card-label";
import { AddressText } from "@/components/ui/address-text";
import type { Order } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import { DeskDate } from "./desk-date";
import styles from "./desk.module.css";

export function OrderFacts({ order }: { order: Order }) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  return (
    <section aria-labelledby="desk-facts-heading" className={styles.panel}>
      <h2 id="desk-facts-heading" className={styles.sectionTitle}>
        Payment and shopper
      </h2>
      <dl className={styles.facts} data-testid="desk-order-facts">
        <div>
          <dt>Total</dt>
          <dd>{money(order.totalCents)}</dd>
        </div>
        <div>
          <dt>Authorized</dt>
          <dd>{money(order.authorizedCents)}</dd>
        </div>
        <div>
          <dt>Captured</dt>
          <dd data-testid="desk-captured">{money(order.capturedCents)}</dd>
        </div>
        <div>
          <dt>Refunded</dt>
          <dd data-testid="desk-refunded">{money(order.refundedCents)}</dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd>
            <DeskDate date={order.createdAt} />
          </dd>
        </div>
        <div className={styles.wide}>
          <dt>Shopper</dt>
          <dd className={styles.email}>
            {order.email ?? "personal data removed"}
            <span className={styles.tag}>{order.guest ? "guest" : "Bolt account"}</span>
          </dd>
        </div>
        <div>
          <dt>Card</dt>
          <dd>
            {order.cardLast4
              ? `${order.cardNetwork ? networkName(order.cardNetwork) : "Card"} ending in ${order.cardLast4}`
              : "not kept"}
          </dd>
        </div>
        <div>
          <dt>Bolt reference</dt>
          <dd>{order.boltReference ? <code>{order.boltReference}</code> : "none yet"}</dd>
        </div>
        {order.boltOrderNumber && (
          <div>
            <dt>Bolt order number</dt>
            <dd>
              <code>{order.boltOrderNumber}</code>
            </dd>
          </div>
        )}
        <div className={styles.wide}>
          <dt>Ships to</dt>
          <dd>
            {order.shipTo ? (
              <>
                <AddressText address={order.shipTo} />
                {order.shipTo.phone && <span className={styles.phone}>{order.shipTo.phone}</span>}
              </>
            ) : (
              "personal data removed"
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
