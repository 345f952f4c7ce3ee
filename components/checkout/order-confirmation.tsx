import Link from "next/link";
import { AddressText } from "@/components/ui/address-text";
import { StepSection } from "@/components/ui/step-section";
import type { Receipt } from "@/lib/checkout/receipt";
import { networkName } from "./card-label";
import { OrderSummary } from "./order-summary";
import styles from "./checkout.module.css";

/** An order in Bolt's risk review is paid for: it reads as "in review", not as a failure. */
export function OrderConfirmation({ receipt }: { receipt: Receipt }) {
  const { address, card } = receipt;
  const inReview = receipt.status === "in_review";
  return (
    <div className={`container ${styles.page}`}>
      <div className={styles.confirmationHeader}>
        <p className={styles.eyebrow}>{inReview ? "Order received" : "Order confirmed"}</p>
        <h1 className={styles.title}>
          {inReview ? "Thank you, your order is in review" : "Thank you, your order is placed"}
        </h1>
        <p>
          Order number <strong data-testid="order-id">{receipt.orderId}</strong>.{" "}
          {inReview
            ? `Bolt is reviewing the payment, as it does for some orders; nothing more is needed from you. We'll email ${receipt.email} once it's confirmed.`
            : `A receipt is on its way to ${receipt.email}.`}
        </p>
      </div>
      <div className={styles.layout}>
        <div className={styles.steps}>
          <StepSection title="Shipping to">
            <AddressText address={address} data-testid="order-address" />
          </StepSection>
          <StepSection title={inReview ? "Paying with" : "Paid with"}>
            <p data-testid="order-card">
              {networkName(card.network)} ending in {card.last4}
            </p>
          </StepSection>
          {receipt.accountCreated && (
            <StepSection title="Your Bolt account is ready" data-testid="bolt-account-created">
              <p>
                Bolt created an account for <strong>{receipt.email}</strong> with this address and card. Next time,
                enter your email at checkout, type the code Bolt sends you, and pay in one click, here or at any store
                that uses Bolt.
              </p>
            </StepSection>
          )}
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
