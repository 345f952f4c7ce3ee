import Link from "next/link";
import { networkName } from "@/components/checkout/card-label";
import { OrderSummary } from "@/components/checkout/order-summary";
import { AddressText } from "@/components/ui/address-text";
import { StepSection } from "@/components/ui/step-section";
import type { Order } from "@/lib/ledger";
import { OrderDate } from "./order-date";
import { OrderLink } from "./order-link";
import { statusWords } from "./order-status";
import styles from "./orders.module.css";

type Props = {
  order: Order;
  link: string | null;
};

export function OrderDetails({ order, link }: Props) {
  const words = statusWords(order);
  const { shipTo } = order;
  return (
    <div className={`container ${styles.page}`}>
      <div className={styles.header}>
        <h1 className={styles.title}>{words.heading}</h1>
        <dl className={styles.facts}>
          <div>
            <dt>Order number</dt>
            <dd data-testid="order-id">{order.id}</dd>
          </div>
          <div>
            <dt>Placed</dt>
            <dd>
              <OrderDate date={order.createdAt} />
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd data-testid="order-status">{words.label}</dd>
          </div>
        </dl>
        <p className={styles.detail}>{words.detail}</p>
      </div>
      <div className={styles.layout}>
        <div className={styles.sections}>
          {link && <OrderLink path={link} />}
          {shipTo && (
            <StepSection title="Shipping to">
              <AddressText address={shipTo} data-testid="order-address" />
            </StepSection>
          )}
          {order.cardLast4 && (
            <StepSection title={words.cardHeading}>
              <p data-testid="order-card">
                {order.cardNetwork ? networkName(order.cardNetwork) : "Card"} ending in {order.cardLast4}
              </p>
            </StepSection>
          )}
          {order.boltAccountCreated && order.email && (
            <StepSection title="Your Bolt account is ready" data-testid="bolt-account-created">
              <p>
                Bolt created an account for <strong>{order.email}</strong> with this address and card. Next time, enter
                your email at checkout, type the code Bolt sends you, and pay in one click, here or at any store that
                uses Bolt.
              </p>
            </StepSection>
          )}
          <div className={styles.actions}>
            <Link href="/" className="button">
              Continue shopping
            </Link>
            {!order.guest && (
              <Link href="/orders" className="button button-secondary">
                Your orders
              </Link>
            )}
          </div>
        </div>
        <aside className={styles.aside}>
          <OrderSummary
            title="Your order"
            cart={{
              lines: order.lines.map((line) => ({
                name: line.name,
                quantity: line.quantity,
                lineTotal: line.lineTotalCents,
              })),
              subtotal: order.itemsCents,
              shipping: order.shippingCents,
              tax: order.taxCents,
              total: order.totalCents,
              currency: order.currency,
              refunded: order.refundedCents,
            }}
          />
        </aside>
      </div>
    </div>
  );
}
