import { randomUUID } from "node:crypto";
import type { Address, AuthorizeCart, CardToken, Payer, SavedCard, ShippingAddress } from "@/lib/bolt";
import type { Cart } from "@/lib/cart";
import type { Attempt } from "./attempt";
import { cartFingerprint } from "./fingerprint";

/** The cart as Bolt is asked to charge it, in cents, with a fresh order reference. */
function authorizeCart(cart: Cart, shippingAddress: ShippingAddress): AuthorizeCart {
  return {
    orderReference: randomUUID(),
    currency: cart.currency,
    totalAmount: cart.total,
    taxAmount: cart.tax,
    shippingAmount: cart.shipping,
    items: cart.lines.map((line) => ({
      reference: line.product.id,
      name: line.product.name,
      unitPrice: line.product.price,
      quantity: line.quantity,
      totalAmount: line.lineTotal,
    })),
    shippingAddress,
  };
}

/** The fields an order ships to: a saved address loses its id and default flag here. */
function shippingOf(address: ShippingAddress): ShippingAddress {
  const { firstName, lastName, company, street1, street2, locality, region, regionCode, postalCode, countryCode } =
    address;
  return {
    firstName,
    lastName,
    company,
    street1,
    street2,
    locality,
    region,
    regionCode,
    postalCode,
    countryCode,
    phone: address.phone,
  };
}

/** A payment with a card in the shopper's Bolt wallet. Each attempt has its own Idempotency-Key. */
export function savedCardAttempt(cart: Cart, payer: Payer, address: Address, card: SavedCard): Attempt {
  const shipping = { ...shippingOf(address), email: payer.email };
  return {
    signedIn: true,
    shipTo: shipping,
    payment: {
      kind: "saved-card",
      input: {
        cardId: card.id,
        cart: authorizeCart(cart, shipping),
        user: payer,
        idempotencyKey: randomUUID(),
      },
    },
    card: { network: card.network, last4: card.last4 },
    fingerprint: cartFingerprint(cart),
  };
}

export type NewCardChoice = {
  card: CardToken;
  payer: Payer;
  address: ShippingAddress;
  /** Signed in: paid with the shopper's bearer. A guest pays with the API key alone. */
  signedIn: boolean;
  createAccount: boolean;
  save: boolean;
};

/** A payment with a card Bolt's payment field just tokenized, billed to the shipping address. */
export function newCardAttempt(cart: Cart, choice: NewCardChoice): Attempt {
  const shipping = { ...shippingOf(choice.address), email: choice.payer.email };
  return {
    signedIn: choice.signedIn,
    shipTo: shipping,
    payment: {
      kind: "new-card",
      input: {
        card: choice.card,
        billingAddress: shipping,
        cart: authorizeCart(cart, shipping),
        user: choice.payer,
        createAccount: choice.createAccount,
        save: choice.save,
        idempotencyKey: randomUUID(),
      },
    },
    card: { network: choice.card.network, last4: choice.card.last4 },
    fingerprint: cartFingerprint(cart),
  };
}
