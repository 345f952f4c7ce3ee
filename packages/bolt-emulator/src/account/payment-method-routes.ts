import { authenticateShopper, WRITE_SCOPES } from "../http/credentials";
import { BoltApiError, cardTokenInvalid, ErrorCodes, invalidInput, notFound } from "../http/errors";
import { empty, json, type ApiRequest, type Reply } from "../http/reply";
import type { Route } from "../http/router";
import { parseJsonBody } from "../http/validate";
import { objectId } from "../ids";
import type { Emulator } from "../state";
import { cardFromToken } from "../store/card-tokens";
import { removeWithDefault, settleDefault, type SavedCard } from "../store/shoppers";
import { addressFields } from "./address-routes";
import { PaymentMethodInput } from "./schemas";
import { cardView, isExpired } from "./views";

/** Saves a card tokenized by the payment field or `/v1/testing/card_token`; the token says which card it is. */
function addPaymentMethod(request: ApiRequest, emulator: Emulator): Reply {
  const { shopper } = authenticateShopper(request, emulator, WRITE_SCOPES);
  const input = parseJsonBody(PaymentMethodInput, request.body);
  const [expYear, expMonth] = input.expiration.split("-").map(Number) as [number, number];
  if (isExpired({ expMonth, expYear })) throw new BoltApiError(422, ErrorCodes.cardExpired, "The card has expired.");
  let billingAddress = { ...addressFields(input.billing_address), id: objectId() };
  if (input.billing_address_id) {
    const saved = shopper.addresses.find((address) => address.id === input.billing_address_id);
    if (!saved) throw invalidInput(`billing_address_id: no address ${input.billing_address_id} in this account`);
    billingAddress = { ...saved };
    delete (billingAddress as Partial<typeof saved>).isDefault;
  }
  const token = emulator.state.cardTokens.consume(input.token, emulator.settings.publishableKey);
  if (!token) throw cardTokenInvalid();
  // A token from the payment field knows its card's expiry; one from the testing endpoint does not.
  if (token.expiration && token.expiration !== input.expiration) {
    throw invalidInput(`expiration: ${input.expiration} is not the expiry of the tokenized card`);
  }
  const card: SavedCard = { ...cardFromToken(token, input.expiration), billingAddress, metadata: input.metadata };
  shopper.cards.push(card);
  settleDefault(shopper.cards, input.default ? card.id : undefined);
  return json(200, cardView(card));
}

function deletePaymentMethod(request: ApiRequest, emulator: Emulator): Reply {
  const { shopper } = authenticateShopper(request, emulator, WRITE_SCOPES);
  const id = request.params.payment_method_id;
  if (!removeWithDefault(shopper.cards, id)) throw notFound(`No payment method ${id ?? ""} in this account.`);
  return empty();
}

export const paymentMethodRoutes: Route[] = [
  { method: "POST", pattern: "/v1/account/payment_methods", kind: "api", handler: addPaymentMethod },
  {
    method: "DELETE",
    pattern: "/v1/account/payment_methods/:payment_method_id",
    kind: "api",
    handler: deletePaymentMethod,
  },
];
