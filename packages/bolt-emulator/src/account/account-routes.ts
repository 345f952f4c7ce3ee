import * as z from "zod";
import { authenticateShopper, READ_SCOPES, requirePublishableKey, WRITE_SCOPES } from "../http/credentials";
import { invalidInput } from "../http/errors";
import { json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody, parseWith, queryObject } from "../http/validate";
import type { Emulator } from "../state";
import { ProfileInput, Phone } from "./schemas";
import { accountView, profileView } from "./views";

function getAccount(request: ApiRequest, emulator: Emulator): Reply {
  const { shopper } = authenticateShopper(request, emulator, READ_SCOPES);
  return json(200, accountView(shopper));
}

function updateProfile(request: ApiRequest, emulator: Emulator): Reply {
  const { shopper } = authenticateShopper(request, emulator, WRITE_SCOPES);
  const input = parseJsonBody(ProfileInput, request.body);
  if (input.first_name !== undefined) shopper.firstName = input.first_name;
  if (input.last_name !== undefined) shopper.lastName = input.last_name;
  if (input.metadata !== undefined) shopper.metadata = input.metadata;
  return json(200, profileView(shopper));
}

const ExistsQuery = z.object({
  email: z.email().optional(),
  sha256_email: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: "must be a hex SHA-256" })
    .optional(),
  phone: Phone.optional(),
});

/** No bearer and no API key: the browser calls this with the publishable key only. */
function detectAccount(request: ApiRequest, emulator: Emulator): Reply {
  requirePublishableKey(request, emulator);
  const query = parseWith(ExistsQuery, queryObject(request.query));
  const { shoppers } = emulator.state;
  let shopper;
  if (query.email) {
    request.concern.shopper = query.email.toLowerCase();
    shopper = shoppers.findByEmail(query.email);
  } else if (query.sha256_email) shopper = shoppers.findBySha256Email(query.sha256_email);
  else if (query.phone) shopper = shoppers.findByPhone(query.phone);
  else throw invalidInput("Missing query parameter: one of email, sha256_email or phone is required.");
  if (shopper) request.concern.shopper = shopper.email;
  return json(200, { has_bolt_account: Boolean(shopper) });
}

export const accountRoutes: Route[] = [
  { method: "GET", pattern: "/v1/account", kind: "api", handler: getAccount },
  { method: "PATCH", pattern: "/v1/account/profile", kind: "api", handler: updateProfile },
  { method: "GET", pattern: "/v1/account/exists", kind: "api", handler: detectAccount, cors: true },
];
