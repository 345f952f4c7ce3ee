"use server";

import { parseAddressForm, type AddressErrors, type AddressInput } from "@/lib/checkout/address-input";

export type GuestAddressState =
  | { status: "editing"; errors?: AddressErrors; values?: Record<string, string> }
  | { status: "saved"; address: AddressInput };

/** Validates a guest's shipping address; nothing is stored until a payment method exists. */
export async function saveGuestAddress(_previous: GuestAddressState, form: FormData): Promise<GuestAddressState> {
  const parsed = parseAddressForm(form);
  if (parsed.ok) return { status: "saved", address: parsed.address };
  const values = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string" && !entry[0].startsWith("$")));
  return { status: "editing", errors: parsed.errors, values };
}
