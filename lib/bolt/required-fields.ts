/**
 * The fields of Bolt's answers the storefront cannot work without, although Bolt's v1 spec marks
 * (almost) every response field optional. Each is required in our zod schemas and, when Bolt leaves
 * it out, fails the call with a `BoltMissingFieldError` naming it (a saved address or card without
 * one is left out of the list instead, so one odd entry never hides the rest).
 *
 * Every other field the spec leaves optional is optional in our schemas too. `spec-required.test.ts`
 * walks the schemas against Bolt's spec and fails on any required field that is neither required by
 * the spec nor listed here, and on any entry here that no schema requires.
 *
 * Keyed by the spec's component schema, then the property; the value says why we need it. An order
 * needs its `order_number` or else its `transaction.reference`: checked in `authorize.ts`, since
 * neither alone is required.
 */
export const REQUIRED_FIELDS = {
  o_auth_token_response: {
    access_token: "authenticates every account and payment call made for the shopper",
    expires_in: "says when to refresh; a guess would send dead tokens or refresh needlessly",
    refresh_token: "keeps the shopper signed in past the first hour (required on the code exchange only)",
    id_token: "says who signed in (sub, email), verified before a session starts (code exchange only)",
  },
  account_details: {
    profile: "holds the shopper's email",
  },
  profile_view: {
    email: "identifies the payer on the authorization and goes on every saved address",
  },
  account_details_address_view: {
    id: "the shopper picks an address by it",
    street_address1: "an address without a street can't be shipped to",
    locality: "an address without a city can't be shipped to",
    postal_code: "an address without a postal code can't be shipped to",
    country_code: "an address without a country can't be shipped to",
  },
  saved_credit_card_view: {
    id: "the payment names the card by it (credit_card_id)",
    last4: "shoppers tell their cards apart by the last four digits, at checkout and on the receipt",
    exp_month: "an expired card is shown as such and never charged",
    exp_year: "an expired card is shown as such and never charged",
  },
} as const satisfies Record<string, Record<string, string>>;
