"use client";

import type { Address } from "@/lib/bolt";
import { AddressText } from "@/components/ui/address-text";
import { AddressActions } from "./address-actions";
import { ChoiceGroup, ChoiceOption, type PickerProps } from "./choice-option";
import checkout from "./checkout.module.css";

export function AddressPicker({ addresses, selectedId, onSelect, form }: PickerProps & { addresses: Address[] }) {
  if (addresses.length === 0) {
    return <p className={checkout.hint}>Your Bolt account has no saved address yet. Add one below.</p>;
  }
  return (
    <ChoiceGroup legend="Shipping address">
      {addresses.map((address) => (
        <ChoiceOption
          key={address.id}
          name="addressId"
          value={address.id}
          form={form}
          checked={selectedId === address.id}
          onSelect={() => onSelect(address.id)}
          badge={address.isDefault ? { text: "Default" } : undefined}
          actions={
            <AddressActions
              addressId={address.id}
              isDefault={address.isDefault}
              addressName={`${address.firstName} ${address.lastName}, ${address.street1}`}
            />
          }
          data-testid="address-option"
        >
          <AddressText address={address} />
        </ChoiceOption>
      ))}
    </ChoiceGroup>
  );
}
