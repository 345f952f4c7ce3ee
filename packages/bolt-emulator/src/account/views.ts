import type { AddressFields, SavedAddress, SavedCard, Shopper } from "../store/shoppers";

const COUNTRY_NAMES: Record<string, string> = {
  US: "United States",
  CA: "Canada",
  GB: "United Kingdom",
  AU: "Australia",
  DE: "Germany",
  FR: "France",
};

/** Bolt's `address_view`: requests say `phone`/`email`, responses say `phone_number`/`email_address`. */
export function addressView(address: AddressFields & { id: string }): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: address.id,
    first_name: address.first_name,
    last_name: address.last_name,
    name: address.name ?? `${address.first_name} ${address.last_name}`,
    company: address.company,
    street_address1: address.street_address1,
    street_address2: address.street_address2,
    street_address3: address.street_address3 ?? null,
    street_address4: address.street_address4 ?? null,
    locality: address.locality,
    region: address.region,
    region_code: address.region_code ?? null,
    postal_code: address.postal_code,
    country: address.country ?? COUNTRY_NAMES[address.country_code],
    country_code: address.country_code,
    phone_number: address.phone,
    email_address: address.email,
    door_code: address.door_code ?? null,
  };
  for (const key of Object.keys(view)) if (view[key] === undefined) delete view[key];
  return view;
}

/** An address book entry: `address_view` plus `default` and `metadata`. */
export function accountAddressView(address: SavedAddress): Record<string, unknown> {
  return { ...addressView(address), default: address.isDefault, metadata: address.metadata ?? null };
}

/** Bolt's `saved_credit_card_view`. */
export function cardView(card: SavedCard): Record<string, unknown> {
  return {
    id: card.id,
    type: "card",
    network: card.network,
    last4: card.last4,
    exp_month: card.expMonth,
    exp_year: card.expYear,
    default: card.isDefault,
    billing_address: addressView(card.billingAddress),
    metadata: card.metadata ?? null,
  };
}

export function profileView(shopper: Shopper): Record<string, unknown> {
  return {
    email: shopper.email,
    first_name: shopper.firstName,
    last_name: shopper.lastName,
    name: `${shopper.firstName} ${shopper.lastName}`,
    phone: shopper.phone,
    metadata: shopper.metadata,
  };
}

/** Bolt's `account_details`: `addresses` and `payment_methods` are always arrays, possibly empty. */
export function accountView(shopper: Shopper): Record<string, unknown> {
  return {
    has_bolt_account: true,
    profile: profileView(shopper),
    addresses: shopper.addresses.map(accountAddressView),
    payment_methods: shopper.cards.map(cardView),
  };
}

/** True once the card's expiry month is over (cards are valid through the end of their month). */
export function isExpired(card: Pick<SavedCard, "expMonth" | "expYear">, now = new Date()): boolean {
  const firstOfNextMonth = Date.UTC(card.expYear, card.expMonth, 1);
  return now.getTime() >= firstOfNextMonth;
}
