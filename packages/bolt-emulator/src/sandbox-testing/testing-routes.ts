import * as z from "zod";
import { Phone } from "../account/schemas";
import { requireApiKey } from "../http/credentials";
import { invalidInput } from "../http/errors";
import { json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody } from "../http/validate";
import { digits, lowerAlphanumeric, objectId } from "../ids";
import type { Emulator } from "../state";
import { newShopper, normalizeEmail, type Shopper } from "../store/shoppers";
import { SCOPES } from "../store/tokens";

const IdentifierState = z.enum(["missing", "verified", "unverified"]);

/** Bolt's `testing_account_request`. */
const TestingAccountRequest = z
  .strictObject({
    email: z.email().optional(),
    email_state: IdentifierState.optional(),
    phone: Phone.optional(),
    phone_state: IdentifierState.optional(),
    has_address: z.boolean().optional(),
    migrated: z.boolean().optional(),
    deactivate_in_days: z.int().min(1).max(180).optional(),
  })
  .optional();

export type TestingAccountRequest = NonNullable<z.input<typeof TestingAccountRequest>>;

const DAY_MS = 24 * 60 * 60 * 1000;

function testAddress(shopper: Shopper) {
  return {
    id: objectId(),
    isDefault: true,
    first_name: shopper.firstName,
    last_name: shopper.lastName,
    street_address1: `${100 + Number(digits(3))} Test Street`,
    locality: "Austin",
    region: "TX",
    region_code: "TX",
    postal_code: "78701",
    country: "United States",
    country_code: "US",
    phone: shopper.phone,
    email: shopper.email,
  };
}

/** A fresh shopper for one test, with the fixed one-time code and a ready authorization code. */
function createShopper(request: ApiRequest, emulator: Emulator): Reply {
  requireApiKey(request, emulator);
  const input = parseJsonBody(TestingAccountRequest, request.body) ?? {};
  const { shoppers, tokens, lifetimes } = emulator.state;
  const email = normalizeEmail(input.email ?? `shopper-${lowerAlphanumeric(10)}@example.test`);
  if (shoppers.findByEmail(email)) throw invalidInput(`email: ${email} already has a Bolt account`);
  const shopper = newShopper({
    email,
    phone: input.phone ?? `+1555${digits(7)}`,
    firstName: "Test",
    lastName: "Shopper",
    emailState: input.email_state ?? "verified",
    phoneState: input.phone_state ?? "verified",
  });
  if (input.has_address) shopper.addresses.push(testAddress(shopper));
  shoppers.add(shopper);
  request.concern.shopper = email;
  const { settings } = emulator;
  // Bolt's testing code is not the modal's: it is good for any scope a test asks for.
  const code = tokens.mintCode(shopper.id, settings.publishableKey, lifetimes.for(email, settings).codeTtlSeconds, [
    ...SCOPES,
  ]);
  return json(200, {
    email,
    email_state: shopper.emailState,
    phone: shopper.phone,
    phone_state: shopper.phoneState,
    otp_code: settings.otp,
    oauth_code: code,
    ...(input.migrated ? { migrated_merchant_owner_id: settings.divisionId } : {}),
    will_deactivate_at: new Date(Date.now() + (input.deactivate_in_days ?? 30) * DAY_MS)
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z"),
  });
}

/** A token for Bolt's universal test card, Visa 4111 1111 1111 1004, as if typed into this merchant's payment field. */
function cardToken(request: ApiRequest, emulator: Emulator): Reply {
  requireApiKey(request, emulator);
  const { token, expiry, last4, bin, network } = emulator.state.cardTokens.mint({
    last4: "1004",
    bin: "411111",
    network: "visa",
    behaviour: "approve",
    publishableKey: emulator.settings.publishableKey,
  });
  return json(200, { token, expiry, last4, bin, network });
}

export const testingRoutes: Route[] = [
  { method: "POST", pattern: "/v1/testing/shopper/create", kind: "api", handler: createShopper },
  { method: "GET", pattern: "/v1/testing/card_token", kind: "api", handler: cardToken },
];
