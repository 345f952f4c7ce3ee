"use client";

import { useActionState, useState } from "react";
import { LoginModal } from "@/components/bolt/login-modal";
import { AddressText } from "@/components/ui/address-text";
import { PendingButton } from "@/components/ui/pending-button";
import { StepSection } from "@/components/ui/step-section";
import type { ShownCart } from "@/lib/checkout/place-order";
import type { PublicBoltConfig } from "@/lib/env";
import { AddressFields } from "./address-fields";
import { saveGuestAddress, type GuestAddressState } from "@/app/(checkout)/checkout/address-actions";
import { GuestPayment } from "./guest-payment";
import styles from "./checkout.module.css";

/** Bolt may offer an account only for an email it doesn't know. */
type Contact = { email: string; offerAccount: boolean };

export function GuestCheckout({
  config,
  shown,
  detect = true,
  silentSignIn = false,
}: {
  config: PublicBoltConfig;
  shown: ShownCart;
  detect?: boolean;
  /** A returning Bolt shopper is signed in by Bolt on load, unless the store ended their session. */
  silentSignIn?: boolean;
}) {
  const [contact, setContact] = useState<Contact>();
  // A Bolt account's email whose modal the shopper closed: they may still pay as a guest.
  const [declined, setDeclined] = useState<string>();
  const [accountEmail, setAccountEmail] = useState<string>();
  const [plainEmail, setPlainEmail] = useState("");
  const [state, formAction] = useActionState<GuestAddressState, FormData>(saveGuestAddress, { status: "editing" });
  // The next save is a new state, and ends the edit.
  const [reopened, setReopened] = useState<GuestAddressState>();
  const editing = state.status === "editing" || reopened === state;
  // Without detection, the email is just a contact field, and with no word from Bolt, no account is offered.
  const guest = detect ? contact : { email: plainEmail.trim(), offerAccount: false };

  return (
    <div className={styles.steps}>
      <StepSection number={1} title="Contact">
        {detect ? (
          <>
            <p className={styles.hint}>
              Have a Bolt account? Enter its email and we&apos;ll fill in your address and card.
            </p>
            <LoginModal
              config={config}
              context="checkout"
              silentSignIn={silentSignIn}
              onAccountCheck={(hasAccount, email) => {
                setDeclined(undefined);
                setAccountEmail(hasAccount ? email : undefined);
                setContact(hasAccount ? undefined : { email, offerAccount: true });
              }}
              onModalClosed={() => setDeclined(accountEmail)}
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
              value={plainEmail}
              onChange={(event) => setPlainEmail(event.target.value)}
            />
          </>
        )}
        {contact?.offerAccount && (
          <p className={styles.notice} role="status">
            No Bolt account uses {contact.email}. Continue as a guest below.
          </p>
        )}
        {declined && !contact && (
          <div className={styles.notice} role="status" data-testid="guest-instead">
            <p className={styles.hint}>
              {declined} has a Bolt account: sign in to pay in one click, or continue as a guest. As a guest you type
              your address and card, and Bolt saves nothing.
            </p>
            <button
              type="button"
              className={styles.secondary}
              onClick={() => setContact({ email: declined, offerAccount: false })}
            >
              Continue as a guest
            </button>
          </div>
        )}
      </StepSection>

      {guest !== undefined && (
        <StepSection number={2} title="Shipping address">
          {editing ? (
            <form id="guest-address" action={formAction} noValidate className={styles.form}>
              <AddressFields
                idPrefix="guest"
                errors={state.status === "editing" ? state.errors : undefined}
                values={state.status === "editing" ? state.values : state.address}
              />
              <PendingButton className={styles.primary} pendingLabel="Checking address…">
                Continue to payment
              </PendingButton>
            </form>
          ) : (
            <>
              <AddressText address={state.address} data-testid="guest-address" />
              <button type="button" className={styles.secondary} onClick={() => setReopened(state)}>
                Change address
              </button>
            </>
          )}
        </StepSection>
      )}

      {guest !== undefined && state.status === "saved" && !editing && (
        <StepSection number={3} title="Payment" data-testid="guest-payment-step">
          <GuestPayment
            config={config}
            email={guest.email}
            address={state.address}
            offerAccount={guest.offerAccount}
            shown={shown}
          />
        </StepSection>
      )}
    </div>
  );
}
