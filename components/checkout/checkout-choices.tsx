"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { PendingButton } from "@/components/ui/pending-button";
import type { Address, SavedCard } from "@/lib/bolt";
import { AddressActions } from "./address-actions";
import { AddAddressForm } from "./add-address-form";
import { placeOrder, type ActionState } from "./actions";
import { cardExpiry, networkName } from "./card-label";
import { SavedAddress } from "./saved-address";
import styles from "./choices.module.css";
import checkout from "./checkout.module.css";

type Props = {
  addresses: Address[];
  cards: SavedCard[];
  /** One id per rendered checkout: the server derives the payment's Idempotency-Key from it. */
  attempt: string;
  totalLabel: string;
};

const FORM_ID = "place-order";

function initialCard(cards: SavedCard[]) {
  const usable = cards.filter((card) => !card.isExpired);
  return (usable.find((card) => card.isDefault) ?? usable[0])?.id;
}

/** The signed-in checkout: saved addresses and cards, defaults preselected, and the one-click button. */
export function CheckoutChoices({ addresses, cards, attempt, totalLabel }: Props) {
  const [addressId, setAddressId] = useState(() => (addresses.find((a) => a.isDefault) ?? addresses[0])?.id);
  const [cardId, setCardId] = useState(() => initialCard(cards));
  const [state, formAction, pending] = useActionState<ActionState, FormData>(placeOrder, { status: "idle" });
  // Choices survive re-renders after edits; an address that disappeared falls back to the default.
  const selectedAddress = addresses.some((a) => a.id === addressId)
    ? addressId
    : addresses.find((a) => a.isDefault)?.id;
  const selectedCard = cards.some((c) => c.id === cardId && !c.isExpired) ? cardId : initialCard(cards);
  const canPay = Boolean(selectedAddress && selectedCard);

  // Submitting through a transition rather than the form's action keeps React from resetting the
  // form afterwards, so after a decline the shopper's choices stay as they were.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  return (
    <div className={checkout.steps}>
      <section className={checkout.step} aria-labelledby="ship-to-heading">
        <h2 id="ship-to-heading" className={checkout.stepHeading}>
          <span className={checkout.stepNumber} aria-hidden="true">
            1
          </span>{" "}
          Ship to
        </h2>
        {addresses.length === 0 ? (
          <p className={checkout.hint}>Your Bolt account has no saved address yet. Add one below.</p>
        ) : (
          <fieldset className={styles.options}>
            <legend className="visually-hidden">Shipping address</legend>
            {addresses.map((address) => {
              const nameId = `address-${address.id}`;
              const addressName = `${address.firstName} ${address.lastName}, ${address.street1}`;
              return (
                <div key={address.id} className={styles.option} data-testid="address-option">
                  <label className={styles.choice}>
                    <input
                      type="radio"
                      name="addressId"
                      value={address.id}
                      form={FORM_ID}
                      checked={selectedAddress === address.id}
                      onChange={() => setAddressId(address.id)}
                      aria-describedby={address.isDefault ? `${nameId}-default` : undefined}
                    />
                    <span className={styles.text}>
                      <SavedAddress address={address} />
                    </span>
                    {address.isDefault && (
                      <span id={`${nameId}-default`} className={styles.badge}>
                        Default
                      </span>
                    )}
                  </label>
                  <AddressActions addressId={address.id} isDefault={address.isDefault} addressName={addressName} />
                </div>
              );
            })}
          </fieldset>
        )}
        <AddAddressForm />
      </section>

      <section className={checkout.step} aria-labelledby="pay-with-heading">
        <h2 id="pay-with-heading" className={checkout.stepHeading}>
          <span className={checkout.stepNumber} aria-hidden="true">
            2
          </span>{" "}
          Pay with
        </h2>
        {cards.length === 0 ? (
          <p className={checkout.hint}>
            Your Bolt account has no saved card. Adding one needs Bolt&apos;s card tokenizer, which this demo
            doesn&apos;t include; sign in as <code>alice@example.com</code> to try one-click checkout.
          </p>
        ) : (
          <fieldset className={styles.options}>
            <legend className="visually-hidden">Payment card</legend>
            {cards.map((card) => (
              <div key={card.id} className={styles.option} data-testid="card-option">
                <label className={styles.choice} data-disabled={card.isExpired || undefined}>
                  <input
                    type="radio"
                    name="cardId"
                    value={card.id}
                    form={FORM_ID}
                    checked={selectedCard === card.id}
                    disabled={card.isExpired}
                    onChange={() => setCardId(card.id)}
                  />
                  <span className={styles.text}>
                    <span className={styles.cardName}>
                      {networkName(card.network)} ending in {card.last4}
                    </span>
                    <span className={styles.muted}>Expires {cardExpiry(card)}</span>
                  </span>
                  {card.isExpired ? (
                    <span className={`${styles.badge} ${styles.badgeWarning}`}>Expired</span>
                  ) : (
                    card.isDefault && <span className={styles.badge}>Default</span>
                  )}
                </label>
              </div>
            ))}
          </fieldset>
        )}
      </section>

      <form id={FORM_ID} action={formAction} onSubmit={submit} className={checkout.form}>
        <input type="hidden" name="attempt" value={attempt} />
        {state.status === "error" && (
          <p role="alert" className={checkout.error}>
            {state.message}
          </p>
        )}
        {canPay ? (
          <PendingButton
            className={`button ${checkout.placeOrder}`}
            pending={pending}
            pendingLabel="Placing your order…"
          >
            Place order · {totalLabel}
          </PendingButton>
        ) : (
          <p className={checkout.hint}>Choose a shipping address and a card to place your order.</p>
        )}
      </form>
    </div>
  );
}
