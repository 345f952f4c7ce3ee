"use client";

import type { SavedCard } from "@/lib/bolt";
import { cardExpiry, networkName } from "./card-label";
import { ChoiceGroup, ChoiceOption, type PickerProps } from "./choice-option";
import styles from "./choices.module.css";
import checkout from "./checkout.module.css";

function badgeOf(card: SavedCard) {
  if (card.isExpired) return { text: "Expired", warning: true };
  return card.isDefault ? { text: "Default" } : undefined;
}

/** The shopper's saved Bolt cards as radios; an expired card is shown but cannot be chosen. */
export function CardPicker({ cards, selectedId, onSelect, form }: PickerProps & { cards: SavedCard[] }) {
  if (cards.length === 0) {
    return (
      <p className={checkout.hint}>
        Your Bolt account has no saved card. Adding one needs Bolt&apos;s card tokenizer, which this demo doesn&apos;t
        include; sign in as <code>alice@example.com</code> to try one-click checkout.
      </p>
    );
  }
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
    </ChoiceGroup>
  );
}
