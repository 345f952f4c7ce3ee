"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { Address, SavedCard } from "@/lib/bolt";
import { PendingButton } from "@/components/ui/pending-button";
import { StepSection } from "@/components/ui/step-section";
import { AddAddressForm } from "./add-address-form";
import { AddressPicker } from "./address-picker";
import { placeOrder, type ActionState } from "./actions";
import { CardPicker } from "./card-picker";
import checkout from "./checkout.module.css";

type Props = {
  addresses: Address[];
  cards: SavedCard[];
  /** One id per rendered checkout: the server derives the payment's Idempotency-Key from it. */
  attempt: string;
  totalLabel: string;
};

const FORM_ID = "place-order";

function defaultAddress(addresses: Address[]) {
  return (addresses.find((address) => address.isDefault) ?? addresses[0])?.id;
}

function defaultCard(cards: SavedCard[]) {
  const usable = cards.filter((card) => !card.isExpired);
  return (usable.find((card) => card.isDefault) ?? usable[0])?.id;
}

/** The signed-in checkout: saved addresses and cards, defaults preselected, and the one-click button. */
export function CheckoutChoices({ addresses, cards, attempt, totalLabel }: Props) {
  const [addressId, setAddressId] = useState(() => defaultAddress(addresses));
  const [cardId, setCardId] = useState(() => defaultCard(cards));
  const [state, formAction, pending] = useActionState<ActionState, FormData>(placeOrder, { status: "idle" });
  // Choices survive re-renders after edits; an address that disappeared falls back to the default.
  const selectedAddress = addresses.some((a) => a.id === addressId)
    ? addressId
    : addresses.find((a) => a.isDefault)?.id;
  const selectedCard = cards.some((c) => c.id === cardId && !c.isExpired) ? cardId : defaultCard(cards);
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
      <StepSection number={1} title="Ship to">
        <AddressPicker addresses={addresses} selectedId={selectedAddress} onSelect={setAddressId} form={FORM_ID} />
        <AddAddressForm />
      </StepSection>

      <StepSection number={2} title="Pay with">
        <CardPicker cards={cards} selectedId={selectedCard} onSelect={setCardId} form={FORM_ID} />
      </StepSection>

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
