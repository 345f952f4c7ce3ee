"use client";

import type { Address } from "@/lib/bolt";
import { AddressText } from "@/components/ui/address-text";
import { AddressActions } from "./address-actions";
import styles from "./choices.module.css";
import checkout from "./checkout.module.css";

type Props = {
  addresses: Address[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** The id of the form the choice is submitted with; the radios sit outside it, next to their edit buttons. */
  form: string;
};

/** The shopper's saved Bolt addresses as radios, each with its make-default and delete buttons. */
export function AddressPicker({ addresses, selectedId, onSelect, form }: Props) {
  if (addresses.length === 0) {
    return <p className={checkout.hint}>Your Bolt account has no saved address yet. Add one below.</p>;
  }
  return (
    <fieldset className={styles.options}>
      <legend className="visually-hidden">Shipping address</legend>
      {addresses.map((address) => {
        const defaultId = `address-${address.id}-default`;
        return (
          <div key={address.id} className={styles.option} data-testid="address-option">
            <label className={styles.choice}>
              <input
                type="radio"
                name="addressId"
                value={address.id}
                form={form}
                checked={selectedId === address.id}
                onChange={() => onSelect(address.id)}
                aria-describedby={address.isDefault ? defaultId : undefined}
              />
              <AddressText address={address} />
              {address.isDefault && (
                <span id={defaultId} className={styles.badge}>
                  Default
                </span>
              )}
            </label>
            <AddressActions
              addressId={address.id}
              isDefault={address.isDefault}
              addressName={`${address.firstName} ${address.lastName}, ${address.street1}`}
            />
          </div>
        );
      })}
    </fieldset>
  );
}
