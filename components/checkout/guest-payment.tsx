"use client";

import { useId, useState } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import type { ShopperAddress } from "@/lib/checkout/address-input";
import type { ShownCart } from "@/lib/checkout/place-order";
import type { PublicBoltConfig } from "@/lib/env";
import { AccountCheckbox } from "@/components/bolt/account-checkbox";
import { payAsGuest } from "@/app/(checkout)/checkout/actions";
import { PaymentField } from "@/components/bolt/payment-field";
import { usePaymentForm } from "./use-payment-form";
import styles from "./checkout.module.css";

/**
 * Bolt's account checkbox comes after the payment, ticked, as Bolt recommends. Every guest gives a mobile
 * number: Bolt's authorize requires `user_identifier.phone`, and an account is made with it.
 */
export function GuestPayment({
  config,
  email,
  address,
  offerAccount,
  shown,
}: {
  config: PublicBoltConfig;
  email: string;
  address: ShopperAddress;
  offerAccount: boolean;
  shown: ShownCart;
}) {
  const { state, field, submit, busy, message, pendingLabel } = usePaymentForm(payAsGuest);
  const [createAccount, setCreateAccount] = useState(offerAccount);
  const mobileId = useId();
  const mobileError = state.status === "error" ? state.fields?.mobile : undefined;
  const extra = {
    ...Object.fromEntries(Object.entries(address).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    email,
    createAccount: offerAccount && createAccount ? "on" : "off",
  };

  return (
    <form
      className={styles.form}
      noValidate
      aria-label="Payment"
      onSubmit={(event) => void submit(event, { withCard: true, extra })}
    >
      <input type="hidden" name="total" value={shown.total} />
      <input type="hidden" name="fingerprint" value={shown.fingerprint} />
      <PaymentField config={config} ref={field} />
      {/* Mounted again (a re-render of the step), it shows the shopper's choice, not Bolt's default. */}
      {offerAccount && <AccountCheckbox config={config} defaultValue={createAccount} onChange={setCreateAccount} />}
      <div>
        <label htmlFor={mobileId} className={styles.label}>
          Mobile phone
        </label>
        <p className={styles.hint} id={`${mobileId}-hint`}>
          Bolt needs it for the payment
          {offerAccount && createAccount ? ", and texts your one-time sign-in codes to it" : ""}.
        </p>
        <input
          id={mobileId}
          name="mobile"
          type="tel"
          inputMode="tel"
          autoComplete="mobile tel"
          className={styles.input}
          defaultValue={address.phone}
          required
          aria-invalid={mobileError ? true : undefined}
          aria-describedby={`${mobileId}-hint${mobileError ? ` ${mobileId}-error` : ""}`}
        />
        {mobileError && (
          <p id={`${mobileId}-error`} className={styles.fieldError}>
            {mobileError}
          </p>
        )}
      </div>
      {message && (
        <p role="alert" className={styles.error}>
          {message}
        </p>
      )}
      <PendingButton className={`button ${styles.placeOrder}`} pending={busy} pendingLabel={pendingLabel}>
        Place order · {shown.totalLabel}
      </PendingButton>
    </form>
  );
}
