import { lowerAlphanumeric, sha256Hex } from "../ids";

export type Metadata = Record<string, string> | null;

/** Address fields as a request carries them (`address` schema: `phone`, `email`). */
export type AddressFields = {
  first_name: string;
  last_name: string;
  name?: string;
  company?: string;
  street_address1: string;
  street_address2?: string;
  street_address3?: string | null;
  street_address4?: string | null;
  locality: string;
  region?: string;
  region_code?: string | null;
  postal_code: string;
  country?: string;
  country_code: string;
  phone?: string;
  email: string;
  door_code?: string | null;
  metadata?: Metadata;
};

export type SavedAddress = AddressFields & { id: string; isDefault: boolean };

export type CardNetwork = "visa" | "mastercard" | "amex" | "discover" | "jcb" | "dinersclub" | "unionpay" | "unknown";

export type SavedCard = {
  id: string;
  network: CardNetwork;
  last4: string;
  bin: string;
  expMonth: number;
  expYear: number;
  billingAddress: AddressFields & { id: string };
  isDefault: boolean;
  /** Test behaviour: every authorization on this card is declined. */
  alwaysDeclines: boolean;
  /** Payments with it succeed but Bolt holds them for a risk review. */
  heldForReview: boolean;
  /** Test behaviour: the card's processor refuses its security code on every authorization. */
  failsCvvCheck?: boolean;
  metadata?: Metadata;
};

export type IdentifierState = "missing" | "verified" | "unverified";

export type Shopper = {
  /** Stable account id: the id_token `sub`. */
  id: string;
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  emailState: IdentifierState;
  phoneState: IdentifierState;
  metadata: Metadata;
  addresses: SavedAddress[];
  cards: SavedCard[];
};

type Defaultable = { id: string; isDefault: boolean };

/**
 * Keeps exactly one default while the list is non-empty: `preferredId` becomes the default, otherwise the
 * current default stays, otherwise the first item is promoted (first item added, or the default was deleted).
 */
export function settleDefault(list: Defaultable[], preferredId?: string): void {
  if (preferredId !== undefined && list.some((item) => item.id === preferredId)) {
    for (const item of list) item.isDefault = item.id === preferredId;
    return;
  }
  const first = list[0];
  if (first && !list.some((item) => item.isDefault)) first.isDefault = true;
}

/** Clears an item's default flag on request, handing it to another item; a lone item stays the default. */
export function dropDefault(list: Defaultable[], id: string): void {
  const other = list.find((item) => item.id !== id);
  if (!other) return;
  const item = list.find((candidate) => candidate.id === id);
  if (item?.isDefault) {
    item.isDefault = false;
    other.isDefault = true;
  }
}

/** Removes an item by id, promoting another to default if it was the default; false when there is no such item. */
export function removeWithDefault(list: Defaultable[], id: string | undefined): boolean {
  const index = list.findIndex((item) => item.id === id);
  if (index < 0) return false;
  list.splice(index, 1);
  settleDefault(list);
  return true;
}

/** A new account: a fresh stable id (the id_token `sub`), nothing saved yet unless given. */
export function newShopper(
  fields: Pick<Shopper, "email" | "phone" | "firstName" | "lastName"> & Partial<Shopper>,
): Shopper {
  return {
    id: `shopper_${lowerAlphanumeric(12)}`,
    emailState: "verified",
    phoneState: "verified",
    metadata: null,
    addresses: [],
    cards: [],
    ...fields,
    email: normalizeEmail(fields.email),
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class ShopperStore {
  private readonly byId = new Map<string, Shopper>();

  constructor(shoppers: Shopper[] = []) {
    for (const shopper of shoppers) this.add(shopper);
  }

  add(shopper: Shopper): void {
    this.byId.set(shopper.id, shopper);
  }

  get(id: string): Shopper | undefined {
    return this.byId.get(id);
  }

  all(): Shopper[] {
    return [...this.byId.values()];
  }

  findByEmail(email: string): Shopper | undefined {
    const wanted = normalizeEmail(email);
    return this.all().find((shopper) => shopper.email === wanted);
  }

  findByPhone(phone: string): Shopper | undefined {
    const wanted = phone.replace(/[\s-]/g, "");
    return this.all().find((shopper) => shopper.phone === wanted);
  }

  /** `sha256_email` is the hex SHA-256 of the normalized (trimmed, lower-case) email. */
  findBySha256Email(hash: string): Shopper | undefined {
    const wanted = hash.toLowerCase();
    return this.all().find((shopper) => sha256Hex(shopper.email) === wanted);
  }
}
