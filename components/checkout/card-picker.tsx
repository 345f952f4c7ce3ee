"use client";

import type { SavedCard } from "@/lib/bolt";
import { cardExpiry, networkName } from "./card-label";
import styles from "./choices.module.css";
import checkout from "./checkout.module.css";

type Props = {
  cards: SavedCard[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** The id of the form the choice is submitted with. */
  form: string;
};

/** The shopper's saved Bolt cards as radios; an expired card is shown but cannot be chosen. */
export function CardPicker({ cards, selectedId, onSelect, form }: Props) {
  if (cards.length === 0) {
    return (
      <p className={checkout.hint}>
        Your Bolt account has no saved card. Adding one needs Bolt&apos;s card tokenizer, which this demo doesn&apos;t
        include; sign in as <code>alice@example.com</code> to try one-click checkout.
      </p>
    );
  }
  return (
    <fieldset className={styles.options}>
      <legend className="visually-hidden">Payment card</legend>
      {cards.map((card) => (
        <div key={card.id} className={styles.option} data-testid="card-option">
          <label className={styles.choice} data-disabled={card.isExpired || undefined}>
            <input
              type="radio"
              name="cardId"
              value={card.id}
              form={form}
              checked={selectedId === card.id}
              disabled={card.isExpired}
              onChange={() => onSelect(card.id)}
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
  );
}
