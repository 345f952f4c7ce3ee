import Link from "next/link";
import { SHIPPING_COUNTRIES } from "@/lib/checkout/countries";
import type { Receipt } from "@/lib/orders/receipt";
import { networkName } from "./card-label";
import { OrderSummary } from "./order-summary";
import styles from "./checkout.module.css";

/** What was ordered, where it goes and how it was paid, as sealed by the server at checkout. */
export function OrderConfirmation({ receipt }: { receipt: Receipt }) {
  const { address, card } = receipt;
  const country = SHIPPING_COUNTRIES[address.countryCode as keyof typeof SHIPPING_COUNTRIES] ?? address.countryCode;
  return (
    <div className={`container ${styles.page}`}>
      <div className={styles.confirmationHeader}>
        <p className={styles.eyebrow}>Order confirmed</p>
        <h1 className={styles.title}>Thank you, your order is placed</h1>
        <p>
          Order number <strong data-testid="order-number">{receipt.orderNumber}</strong>. A receipt is on its way to{" "}
          {receipt.email}.
        </p>
      </div>
      <div className={styles.layout}>
        <div className={styles.steps}>
          <section className={styles.step} aria-labelledby="shipping-to-heading">
            <h2 id="shipping-to-heading" className={styles.stepHeading}>
              Shipping to
            </h2>
            <address className={styles.address} data-testid="order-address">
              {address.firstName} {address.lastName}
              <br />
              {address.company && (
                <>
                  {address.company}
                  <br />
                </>
              )}
              {address.street1}
              {address.street2 && `, ${address.street2}`}
              <br />
              {address.locality}, {address.region} {address.postalCode}
              <br />
              {country}
            </address>
          </section>
          <section className={styles.step} aria-labelledby="paid-with-heading">
            <h2 id="paid-with-heading" className={styles.stepHeading}>
              Paid with
            </h2>
            <p data-testid="order-card">
              {networkName(card.network)} ending in {card.last4}
            </p>
          </section>
          <div className={styles.row}>
            <Link href="/" className="button">
              Continue shopping
            </Link>
          </div>
        </div>
        <aside className={styles.aside}>
          <OrderSummary cart={receipt} title="Your order" />
        </aside>
      </div>
    </div>
  );
}
