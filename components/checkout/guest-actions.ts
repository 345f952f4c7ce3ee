"use server";

import {
  parseAddressForm,
  type AddressErrors,
  type ShopperAddress,
  type AddressValues,
} from "@/lib/checkout/address-input";

export type GuestAddressState =
  { status: "editing"; errors?: AddressErrors; values?: AddressValues } | { status: "saved"; address: ShopperAddress };

/** Validates a guest's shipping address; nothing is stored until a payment method exists. */
export async function saveGuestAddress(_previous: GuestAddressState, form: FormData): Promise<GuestAddressState> {
  const parsed = parseAddressForm(form);
  if (parsed.ok) return { status: "saved", address: parsed.address };
  return { status: "editing", errors: parsed.errors, values: parsed.values };
}
