"use client";

import { useActionState, useId, useState } from "react";
import { BoltEmailLogin } from "@/components/account/bolt-email-login";
import { PendingButton } from "@/components/ui/pending-button";
import { SHIPPING_COUNTRIES } from "@/lib/checkout/countries";
import type { PublicBoltConfig } from "@/lib/env";
import { AddressFields } from "./address-fields";
import { saveGuestAddress, type GuestAddressState } from "./guest-actions";
import styles from "./checkout.module.css";

/**
 * Signed-out checkout. The email field doubles as Bolt's account detection: a Bolt shopper gets the
 * one-time-code modal, anyone else continues as a guest with a shipping address.
 */
export function GuestCheckout({ config, detect = true }: { config: PublicBoltConfig; detect?: boolean }) {
  // Without detection (Bolt unreachable, or the shopper chose to), the email is just a contact field.
  const [guestEmail, setGuestEmail] = useState<string | undefined>(detect ? undefined : "");
  const [state, formAction] = useActionState<GuestAddressState, FormData>(saveGuestAddress, { status: "editing" });
  const addressHeading = useId();
  const paymentHeading = useId();

  return (
    <div className={styles.steps}>
      <section className={styles.step} aria-labelledby="contact-heading">
        <h2 id="contact-heading" className={styles.stepHeading}>
          <span className={styles.stepNumber} aria-hidden="true">
            1
          </span>{" "}
          Contact
        </h2>
        {detect ? (
          <>
            <p className={styles.hint}>
              Have a Bolt account? Enter its email and we&apos;ll fill in your address and card.
            </p>
            <BoltEmailLogin
              config={config}
              context="checkout"
              onAccountCheck={(hasAccount, email) => setGuestEmail(hasAccount ? undefined : email)}
            />
          </>
        ) : (
          <>
            <label htmlFor="guest-email" className={styles.label}>
              Email
            </label>
            <input
              id="guest-email"
              type="email"
              name="email"
              autoComplete="email"
              className={styles.input}
              form="guest-address"
            />
          </>
        )}
        {guestEmail && (
          <p className={styles.notice} role="status">
            No Bolt account uses {guestEmail}. Continue as a guest below.
          </p>
        )}
      </section>

      {guestEmail !== undefined && state.status === "editing" && (
        <section className={styles.step} aria-labelledby={addressHeading}>
          <h2 id={addressHeading} className={styles.stepHeading}>
            <span className={styles.stepNumber} aria-hidden="true">
              2
            </span>{" "}
            Shipping address
          </h2>
          <form id="guest-address" action={formAction} noValidate className={styles.form}>
            <AddressFields idPrefix="guest" errors={state.errors} values={state.values} />
            <PendingButton className={styles.primary} pendingLabel="Checking address…">
              Continue to payment
            </PendingButton>
          </form>
        </section>
      )}

      {guestEmail !== undefined && state.status === "saved" && (
        <>
          <section className={styles.step} aria-labelledby={addressHeading}>
            <h2 id={addressHeading} className={styles.stepHeading}>
              <span className={styles.stepNumber} aria-hidden="true">
                2
              </span>{" "}
              Shipping address
            </h2>
            <address className={styles.address} data-testid="guest-address">
              {state.address.firstName} {state.address.lastName}
              <br />
              {state.address.street1}
              {state.address.street2 && <>, {state.address.street2}</>}
              <br />
              {state.address.locality}, {state.address.region} {state.address.postalCode}
              <br />
              {SHIPPING_COUNTRIES[state.address.countryCode]}
            </address>
          </section>
          <section className={styles.step} aria-labelledby={paymentHeading} data-testid="guest-payment-step">
            <h2 id={paymentHeading} className={styles.stepHeading}>
              <span className={styles.stepNumber} aria-hidden="true">
                3
              </span>{" "}
              Payment
            </h2>
            <p>
              Paying as a guest needs <strong>Bolt&apos;s card tokenizer</strong>: in production the card number is
              typed into Bolt&apos;s secure card field, only a token reaches this store, and the server authorizes it
              with <code>POST /v1/merchant/transactions/authorize</code>.
            </p>
            <p className={styles.hint}>
              This demo doesn&apos;t collect card numbers, so guest orders stop here. To try one-click checkout, sign in
              above with a demo Bolt account such as <code>alice@example.com</code> (code 123456).
            </p>
          </section>
        </>
      )}
    </div>
  );
}
