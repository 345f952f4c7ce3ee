"use client";

import { useActionState, useState } from "react";
import { BoltEmailLogin } from "@/components/account/bolt-email-login";
import { AddressText } from "@/components/ui/address-text";
import { PendingButton } from "@/components/ui/pending-button";
import { StepSection } from "@/components/ui/step-section";
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

  return (
    <div className={styles.steps}>
      <StepSection number={1} title="Contact">
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
      </StepSection>

      {guestEmail !== undefined && (
        <StepSection number={2} title="Shipping address">
          {state.status === "editing" ? (
            <form id="guest-address" action={formAction} noValidate className={styles.form}>
              <AddressFields idPrefix="guest" errors={state.errors} values={state.values} />
              <PendingButton className={styles.primary} pendingLabel="Checking address…">
                Continue to payment
              </PendingButton>
            </form>
          ) : (
            <AddressText address={state.address} data-testid="guest-address" />
          )}
        </StepSection>
      )}

      {guestEmail !== undefined && state.status === "saved" && (
        <StepSection number={3} title="Payment" data-testid="guest-payment-step">
          <p>
            Paying as a guest needs <strong>Bolt&apos;s card tokenizer</strong>: in production the card number is typed
            into Bolt&apos;s secure card field, only a token reaches this store, and the server authorizes it with{" "}
            <code>POST /v1/merchant/transactions/authorize</code>.
          </p>
          <p className={styles.hint}>
            This demo doesn&apos;t collect card numbers, so guest orders stop here. To try one-click checkout, sign in
            above with a demo Bolt account such as <code>alice@example.com</code> (code 123456).
          </p>
        </StepSection>
      )}
    </div>
  );
}
