"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Address, SavedCard } from "@/lib/bolt";
import { NEW_CARD } from "@/lib/checkout/choices";
import type { ShownCart } from "@/lib/checkout/place-order";
import type { PublicBoltConfig } from "@/lib/env";
import { PendingButton } from "@/components/ui/pending-button";
import { StepSection } from "@/components/ui/step-section";
import { AddAddressForm } from "./add-address-form";
import { AddressPicker } from "./address-picker";
import { paySignedIn } from "@/app/(checkout)/checkout/actions";
import { CardPicker } from "./card-picker";
import { PaymentField } from "@/components/bolt/payment-field";
import { useStepUp } from "@/components/bolt/step-up";
import { usePaymentForm } from "./use-payment-form";
import checkout from "./checkout.module.css";
import choices from "./choices.module.css";

type Props = {
  config: PublicBoltConfig;
  addresses: Address[];
  cards: SavedCard[];
  shown: ShownCart;
};

const FORM_ID = "place-order";

function defaultAddress(addresses: Address[]) {
  return (addresses.find((address) => address.isDefault) ?? addresses[0])?.id;
}

function defaultCard(cards: SavedCard[]) {
  const usable = cards.filter((card) => !card.isExpired);
  return (usable.find((card) => card.isDefault) ?? usable[0])?.id ?? NEW_CARD;
}

export function CheckoutChoices({ config, addresses, cards, shown }: Props) {
  const [addressId, setAddressId] = useState(() => defaultAddress(addresses));
  const [cardId, setCardId] = useState(() => defaultCard(cards));
  const { state, field, submit, busy, message, pendingLabel } = usePaymentForm(paySignedIn);
  const form = useRef<HTMLFormElement>(null);
  const stepUp = useStepUp();
  const saveId = useId();
  useEffect(() => {
    if (state.status === "step-up") stepUp.request(() => form.current?.requestSubmit());
  }, [state, stepUp]);
  // Choices survive re-renders after edits; an address that disappeared falls back to the default.
  const selectedAddress = addresses.some((a) => a.id === addressId)
    ? addressId
    : addresses.find((a) => a.isDefault)?.id;
  const selectedCard =
    cardId === NEW_CARD || cards.some((c) => c.id === cardId && !c.isExpired) ? cardId : defaultCard(cards);
  const newCard = selectedCard === NEW_CARD;

  return (
    <div className={checkout.steps}>
      <StepSection number={1} title="Ship to">
        <AddressPicker addresses={addresses} selectedId={selectedAddress} onSelect={setAddressId} form={FORM_ID} />
        <AddAddressForm />
      </StepSection>

      <StepSection number={2} title="Pay with">
        <CardPicker cards={cards} selectedId={selectedCard} onSelect={setCardId} form={FORM_ID} />
        {newCard && (
          <div className={choices.newCard} data-testid="new-card">
            <PaymentField config={config} ref={field} />
            <div className={choices.checkbox}>
              <input id={saveId} type="checkbox" name="save" form={FORM_ID} />
              <label htmlFor={saveId}>Save this card to Bolt, to pay in one click next time</label>
            </div>
          </div>
        )}
      </StepSection>

      <form
        ref={form}
        id={FORM_ID}
        onSubmit={(event) => void submit(event, { withCard: newCard })}
        className={checkout.form}
      >
        <input type="hidden" name="total" value={shown.total} />
        <input type="hidden" name="fingerprint" value={shown.fingerprint} />
        {message && (
          <p role="alert" className={checkout.error}>
            {message}
          </p>
        )}
        {selectedAddress ? (
          <PendingButton className={`button ${checkout.placeOrder}`} pending={busy} pendingLabel={pendingLabel}>
            Place order · {shown.totalLabel}
          </PendingButton>
        ) : (
          <p className={checkout.hint}>Add a shipping address to place your order.</p>
        )}
      </form>
    </div>
  );
}
