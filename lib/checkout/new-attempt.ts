import {
  addPaymentMethod,
  BoltApiError,
  BoltError,
  getAccount,
  type Account,
  type Address,
  type AuthorizeCart,
  type CardToken,
  type Payer,
  type SavedCard,
  type ShippingAddress,
} from "@/lib/bolt";
import type { Cart } from "@/lib/cart";
import { getEnv } from "@/lib/env";
import type { Attempt } from "./attempt";

/** Bolt knows the order by our id: it is the cart's `order_reference`, and the payment's Idempotency-Key. */
function authorizeCart(orderId: string, cart: Cart, shippingAddress: ShippingAddress): AuthorizeCart {
  return {
    orderReference: orderId,
    currency: cart.currency,
    totalAmount: cart.total,
    taxAmount: cart.tax,
    shippingAmount: cart.shipping,
    items: cart.lines.map((line) => ({
      reference: line.product.id,
      // The catalog bounds no name; the request and the ledger keep 256 characters of one.
      name: line.product.name.slice(0, 256),
      unitPrice: line.product.price,
      quantity: line.quantity,
      totalAmount: line.lineTotal,
    })),
    shippingAddress,
  };
}

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

/** The order's id is the Idempotency-Key of every send: Bolt charges an order at most once. */
export function savedCardAttempt(
  orderId: string,
  cart: Cart,
  payer: Payer,
  address: Address,
  card: SavedCard,
): Attempt {
  const shipping = { ...shippingOf(address), email: payer.email };
  return {
    signedIn: true,
    shipTo: shipping,
    payment: {
      kind: "saved-card",
      input: {
        cardId: card.id,
        cart: authorizeCart(orderId, cart, shipping),
        user: payer,
        idempotencyKey: orderId,
        autoCapture: getEnv().captureMode === "auto",
      },
    },
    card: { network: card.network, last4: card.last4 },
  };
}

export type NewCardChoice = {
  card: CardToken;
  payer: Payer;
  address: ShippingAddress;
  /** A guest pays with the API key alone. */
  signedIn: boolean;
  createAccount: boolean;
  save: boolean;
};

/** Billed to the shipping address. */
export function newCardAttempt(orderId: string, cart: Cart, choice: NewCardChoice): Attempt {
  const shipping = { ...shippingOf(choice.address), email: choice.payer.email };
  return {
    signedIn: choice.signedIn,
    shipTo: shipping,
    payment: {
      kind: "new-card",
      input: {
        card: choice.card,
        billingAddress: shipping,
        cart: authorizeCart(orderId, cart, shipping),
        user: choice.payer,
        createAccount: choice.createAccount,
        save: choice.save,
        idempotencyKey: orderId,
        autoCapture: getEnv().captureMode === "auto",
      },
    },
    card: { network: choice.card.network, last4: choice.card.last4 },
  };
}

export class StaleChoiceError extends Error {
  override name = "StaleChoiceError";

  constructor(readonly reason: "addressGone" | "cardGone" | "savedCardExpired") {
    super(`The shopper's choice no longer holds: ${reason}`);
  }
}

export class CardNotSavedError extends Error {
  override name = "CardNotSavedError";
}

/** Checked against the shopper's account as it is now. */
export async function savedCardOrder(
  token: string,
  orderId: string,
  cart: Cart,
  choice: { addressId: string; cardId: string },
): Promise<Attempt> {
  const account = await getAccount(token);
  const address = account.addresses.find((candidate) => candidate.id === choice.addressId);
  const card = account.cards.find((candidate) => candidate.id === choice.cardId);
  if (!address) throw new StaleChoiceError("addressGone");
  if (!card) throw new StaleChoiceError("cardGone");
  if (card.isExpired) throw new StaleChoiceError("savedCardExpired");
  return savedCardAttempt(orderId, cart, payerOf(account, address.phone), address, card);
}

/** "Save this card" adds it to the wallet first (Bolt's manage scope); otherwise the token pays once. */
export async function newCardOrder(
  token: string,
  orderId: string,
  cart: Cart,
  choice: { addressId: string; card: CardToken; save: boolean },
): Promise<Attempt> {
  const { card, save } = choice;
  const account = await getAccount(token);
  const address = account.addresses.find((candidate) => candidate.id === choice.addressId);
  if (!address) throw new StaleChoiceError("addressGone");
  const payer = payerOf(account, address.phone);
  if (!save) return newCardAttempt(orderId, cart, { card, payer, address, signedIn: true, createAccount: false, save });
  const saved = await addPaymentMethod(token, { card, billingAddress: address, email: payer.email }).catch(
    (failure: unknown) => {
      // A 4xx (a spent token, a refused card) is the shopper's to fix; a refused bearer is not.
      if (failure instanceof BoltApiError && failure.status >= 400 && failure.status < 500 && !isAuth(failure))
        throw new CardNotSavedError(failure.message);
      throw failure;
    },
  );
  return savedCardAttempt(orderId, cart, payer, address, saved);
}

function payerOf(account: Account, fallbackPhone: string | undefined): Payer {
  const { profile } = account;
  return {
    email: profile.email,
    phone: profile.phone ?? fallbackPhone,
    firstName: profile.firstName,
    lastName: profile.lastName,
  };
}

function isAuth(failure: BoltError): boolean {
  return failure.status === 401 || failure.status === 403;
}
