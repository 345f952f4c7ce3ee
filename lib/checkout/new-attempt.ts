import { randomUUID } from "node:crypto";
import {
  addPaymentMethod,
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
import { cartFingerprint } from "./place-order";

/** With a fresh order reference. */
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

/** A saved address loses its id and default flag here. */
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

/** Each attempt has its own Idempotency-Key. */
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
        autoCapture: getEnv().captureMode === "auto",
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
  /** A guest pays with the API key alone. */
  signedIn: boolean;
  createAccount: boolean;
  save: boolean;
};

/** Billed to the shipping address. */
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
        autoCapture: getEnv().captureMode === "auto",
      },
    },
    card: { network: choice.card.network, last4: choice.card.last4 },
    fingerprint: cartFingerprint(cart),
  };
}

export class StaleChoiceError extends Error {
  override name = "StaleChoiceError";

  constructor(readonly reason: "addressGone" | "cardGone" | "savedCardExpired") {
    super(`The shopper's choice no longer holds: ${reason}`);
  }
}

/** Nothing was paid. */
export class CardNotSavedError extends Error {
  override name = "CardNotSavedError";
}

/** Checked against the shopper's account as it is now. */
export async function savedCardOrder(
  token: string,
  cart: Cart,
  choice: { addressId: string; cardId: string },
): Promise<Attempt> {
  const account = await getAccount(token);
  const address = account.addresses.find((candidate) => candidate.id === choice.addressId);
  const card = account.cards.find((candidate) => candidate.id === choice.cardId);
  if (!address) throw new StaleChoiceError("addressGone");
  if (!card) throw new StaleChoiceError("cardGone");
  if (card.isExpired) throw new StaleChoiceError("savedCardExpired");
  return savedCardAttempt(cart, payerOf(account, address.phone), address, card);
}

/** "Save this card" adds it to the wallet first (Bolt's manage scope); otherwise the token pays once. */
export async function newCardOrder(
  token: string,
  cart: Cart,
  choice: { addressId: string; card: CardToken; save: boolean },
): Promise<Attempt> {
  const { card, save } = choice;
  const account = await getAccount(token);
  const address = account.addresses.find((candidate) => candidate.id === choice.addressId);
  if (!address) throw new StaleChoiceError("addressGone");
  const payer = payerOf(account, address.phone);
  if (!save) return newCardAttempt(cart, { card, payer, address, signedIn: true, createAccount: false, save });
  const saved = await addPaymentMethod(token, { card, billingAddress: address, email: payer.email }).catch(
    (failure: unknown) => {
      // A 4xx (a spent token, a refused card) is the shopper's to fix; a refused bearer is not.
      if (failure instanceof BoltError && failure.status >= 400 && failure.status < 500 && !isAuth(failure))
        throw new CardNotSavedError(failure.message);
      throw failure;
    },
  );
  return savedCardAttempt(cart, payer, address, saved);
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
