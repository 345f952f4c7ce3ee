import type { AddressFields, SavedAddress, SavedCard, Shopper } from "./shoppers";

// Fixed, readable ids so tests and demos can name a seeded card or address directly.
export const SEED_IDS = {
  alice: "shopper_alice",
  bob: "shopper_bob",
  carol: "shopper_carol",
  aliceHome: "addr_alice_home",
  aliceWork: "addr_alice_work",
  bobHome: "addr_bob_home",
  aliceVisa: "card_alice_visa",
  aliceMastercard: "card_alice_mastercard",
  aliceExpiredAmex: "card_alice_amex_expired",
  aliceDecliningDiscover: "card_alice_discover_declines",
  aliceReviewedVisa: "card_alice_visa_review",
} as const;

/** The seeded shoppers, for the banner and the README. */
export const SEED_SUMMARY = [
  {
    email: "alice@example.com",
    has: "2 addresses (home default), 5 cards: Visa …1004 default, Mastercard …4444, Amex …0005 EXPIRED, Discover …0009 ALWAYS DECLINES, Visa …1881 HELD FOR REVIEW",
  },
  { email: "bob@example.com", has: "1 address, no card" },
  { email: "carol@example.com", has: "no address, no card" },
  { email: "nobody@example.com", has: "no Bolt account (guest checkout)" },
] as const;

const aliceHome: AddressFields = {
  first_name: "Alice",
  last_name: "Shopper",
  street_address1: "535 Mission St",
  street_address2: "Floor 14",
  locality: "San Francisco",
  region: "CA",
  region_code: "CA",
  postal_code: "94105",
  country: "United States",
  country_code: "US",
  phone: "+14155550101",
  email: "alice@example.com",
};

const aliceWork: AddressFields = {
  ...aliceHome,
  company: "Example Corp",
  street_address1: "1 Market St",
  street_address2: "Suite 300",
};

const bobHome: AddressFields = {
  first_name: "Bob",
  last_name: "Buyer",
  street_address1: "2 Broadway",
  locality: "New York",
  region: "NY",
  region_code: "NY",
  postal_code: "10004",
  country: "United States",
  country_code: "US",
  phone: "+12125550102",
  email: "bob@example.com",
};

function address(id: string, fields: AddressFields, isDefault: boolean): SavedAddress {
  return { ...fields, id, isDefault };
}

function card(
  id: string,
  details: Pick<SavedCard, "network" | "last4" | "bin" | "expMonth" | "expYear">,
  options: { isDefault?: boolean; alwaysDeclines?: boolean; heldForReview?: boolean } = {},
): SavedCard {
  return {
    id,
    ...details,
    billingAddress: { ...aliceHome, id: `${id}_billing` },
    isDefault: options.isDefault ?? false,
    alwaysDeclines: options.alwaysDeclines ?? false,
    heldForReview: options.heldForReview ?? false,
  };
}

/** Fresh copies of the seeded shoppers; card expiry years are relative to today so the valid cards stay valid. */
export function seedShoppers(today = new Date()): Shopper[] {
  const year = today.getUTCFullYear();
  return [
    {
      id: SEED_IDS.alice,
      email: "alice@example.com",
      phone: "+14155550101",
      firstName: "Alice",
      lastName: "Shopper",
      emailState: "verified",
      phoneState: "verified",
      metadata: null,
      addresses: [address(SEED_IDS.aliceHome, aliceHome, true), address(SEED_IDS.aliceWork, aliceWork, false)],
      cards: [
        card(
          SEED_IDS.aliceVisa,
          { network: "visa", last4: "1004", bin: "411111", expMonth: 12, expYear: year + 3 },
          { isDefault: true },
        ),
        card(SEED_IDS.aliceMastercard, {
          network: "mastercard",
          last4: "4444",
          bin: "555555",
          expMonth: 8,
          expYear: year + 2,
        }),
        card(SEED_IDS.aliceExpiredAmex, {
          network: "amex",
          last4: "0005",
          bin: "378282",
          expMonth: 1,
          expYear: year - 1,
        }),
        card(
          SEED_IDS.aliceDecliningDiscover,
          { network: "discover", last4: "0009", bin: "601111", expMonth: 6, expYear: year + 2 },
          { alwaysDeclines: true },
        ),
        card(
          SEED_IDS.aliceReviewedVisa,
          { network: "visa", last4: "1881", bin: "401288", expMonth: 3, expYear: year + 2 },
          { heldForReview: true },
        ),
      ],
    },
    {
      id: SEED_IDS.bob,
      email: "bob@example.com",
      phone: "+12125550102",
      firstName: "Bob",
      lastName: "Buyer",
      emailState: "verified",
      phoneState: "verified",
      metadata: null,
      addresses: [address(SEED_IDS.bobHome, bobHome, true)],
      cards: [],
    },
    {
      id: SEED_IDS.carol,
      email: "carol@example.com",
      phone: "+13125550103",
      firstName: "Carol",
      lastName: "Customer",
      emailState: "verified",
      phoneState: "unverified",
      metadata: null,
      addresses: [],
      cards: [],
    },
  ];
}
