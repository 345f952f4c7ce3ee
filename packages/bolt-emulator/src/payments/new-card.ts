import { addressFields } from "../account/address-routes";
import { isExpired } from "../account/views";
import { cardTokenInvalid, invalidInput } from "../http/errors";
import { objectId } from "../ids";
import type { Emulator } from "../state";
import type { StoredReply } from "../http/idempotency";
import { cardFromToken } from "../store/card-tokens";
import { newShopper, normalizeEmail, settleDefault, type SavedCard, type Shopper } from "../store/shoppers";
import type { NewCardInput } from "./authorize-input";
import { declinePayment, placeOrder, refusal, type PaymentRequest } from "./transaction";

/**
 * Pays with a card the payment field just tokenized (`merchant_credit_card_authorization`), as a guest
 * or as the signed-in `shopper`. The request is checked before the token is spent, so a malformed
 * request leaves it usable; a spent, expired or foreign token charges nothing. On success a guest's
 * `create_bolt_account` makes the account (shipping address and card saved), and a signed-in shopper's
 * card is saved unless `credit_card.save` is false, as Bolt's document says.
 */
export function authorizeNewCard(input: NewCardInput, shopper: Shopper | undefined, emulator: Emulator): StoredReply {
  const { shoppers, cardTokens } = emulator.state;
  const { credit_card: given, user_identifier: identifier } = input;
  if (!shopper && !identifier.email) throw invalidInput("user_identifier.email: required when paying as a guest");
  const payer = shopper?.email ?? normalizeEmail(identifier.email ?? "");
  const creating = !shopper && input.create_bolt_account && !shoppers.findByEmail(payer);
  const billing = given.billing_address ?? input.shipping_address;
  const saving = creating || (shopper !== undefined && given.save !== false);
  if (saving && !billing) {
    throw invalidInput("credit_card.billing_address: needed to save the card (or send shipping_address)");
  }

  const token = cardTokens.consume(given.token, emulator.settings.publishableKey);
  if (!token) throw cardTokenInvalid();
  if (token.last4 !== given.last4 || !token.bin.startsWith(given.bin)) {
    throw invalidInput("credit_card: last4 and bin must be those of the tokenized card");
  }
  if (token.expiration && token.expiration !== given.expiration) {
    throw invalidInput(`credit_card.expiration: ${given.expiration} is not the expiry of the tokenized card`);
  }
  const billingAddress = billing && { ...addressFields(billing), id: objectId() };
  const card = cardFromToken(token, given.expiration, billingAddress);
  const payment: PaymentRequest = { cart: input.cart, card, payer, autoCapture: input.auto_capture ?? false };
  const declined = refusal(card, input.cart, isExpired(card));
  if (declined) return declinePayment(payment, declined, emulator);

  const reply = placeOrder(payment, emulator, creating);
  if (saving && billingAddress) {
    const saved: SavedCard = { ...card, billingAddress };
    const owner = shopper ?? createAccount(input, payer, emulator);
    owner.cards.push(saved);
    settleDefault(owner.cards);
  }
  return reply;
}

/** The guest's new Bolt account: their name, phone and shipping address (the default), ready for the modal's code. */
function createAccount(input: NewCardInput, email: string, emulator: Emulator): Shopper {
  const shipping = input.shipping_address;
  const shopper = newShopper({
    email,
    phone: input.user_identifier.phone,
    firstName: input.user_identity.first_name || shipping?.first_name || "",
    lastName: input.user_identity.last_name || shipping?.last_name || "",
    // Nobody has proved them yet: a guest typed both.
    emailState: "unverified",
    phoneState: "unverified",
  });
  if (shipping) shopper.addresses.push({ ...addressFields(shipping), email, id: objectId(), isDefault: true });
  emulator.state.shoppers.add(shopper);
  return shopper;
}
