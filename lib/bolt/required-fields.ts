/**
 * Fields the storefront can't work without, although Bolt's v1 spec marks almost every response field
 * optional; the value says why. `spec-required.test.ts` fails on any other field our schemas require.
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
  transaction_details_view: {
    reference: "names the payment in every later call about it (capture, void, refund, re-read) and in the ledger",
  },
  saved_credit_card_view: {
    id: "the payment names the card by it (credit_card_id)",
    last4: "shoppers tell their cards apart by the last four digits, at checkout and on the receipt",
    exp_month: "an expired card is shown as such and never charged",
    exp_year: "an expired card is shown as such and never charged",
  },
} as const satisfies Record<string, Record<string, string>>;
