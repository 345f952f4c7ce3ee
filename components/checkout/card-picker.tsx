"use client";

import type { SavedCard } from "@/lib/bolt";
import { NEW_CARD } from "@/lib/checkout/choices";
import { cardExpiry, networkName } from "./card-label";
import { ChoiceGroup, ChoiceOption, type PickerProps } from "./choice-option";
import styles from "./choices.module.css";

function badgeOf(card: SavedCard) {
  if (card.isExpired) return { text: "Expired", warning: true };
  return card.isDefault ? { text: "Default" } : undefined;
}

/** An expired card is shown but can't be chosen. */
export function CardPicker({ cards, selectedId, onSelect, form }: PickerProps & { cards: SavedCard[] }) {
  return (
    <ChoiceGroup legend="Payment card">
      {cards.map((card) => (
        <ChoiceOption
          key={card.id}
          name="cardId"
          value={card.id}
          form={form}
          checked={selectedId === card.id}
          onSelect={() => onSelect(card.id)}
          disabled={card.isExpired}
          badge={badgeOf(card)}
          data-testid="card-option"
        >
          <span className={styles.text}>
            <span className={styles.cardName}>
              {networkName(card.network)} ending in {card.last4}
            </span>
            <span className={styles.muted}>Expires {cardExpiry(card)}</span>
          </span>
        </ChoiceOption>
      ))}
      <ChoiceOption
        name="cardId"
        value={NEW_CARD}
        form={form}
        checked={selectedId === NEW_CARD}
        onSelect={() => onSelect(NEW_CARD)}
        data-testid="new-card-option"
      >
        <span className={styles.text}>
          <span className={styles.cardName}>Pay with a new card</span>
          <span className={styles.muted}>
            {cards.length === 0 ? "Your Bolt account has no saved card yet." : "Typed into Bolt's secure card field."}
          </span>
        </span>
      </ChoiceOption>
    </ChoiceGroup>
  );
}
