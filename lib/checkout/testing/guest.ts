import type { CardToken } from "@/lib/bolt";
import type { Cart, CartItem } from "@/lib/cart";
import { priceCart } from "@/lib/cart/pricing";
import { demoProducts } from "@/lib/catalog/demo-products";
import type { Attempt } from "../attempt";
import { newCardAttempt } from "../new-attempt";

// One guest for the money path's tests: Nora, shipping to Portland, paying with Bolt's test Visa.

/** `items` priced from the demo catalog, as the checkout page prices them. */
export function demoCart(items: readonly CartItem[]): Cart {
  return priceCart(items, demoProducts);
}

export const GUEST_ADDRESS = {
  firstName: "Nora",
  lastName: "Guest",
  street1: "12 Guest Lane",
  locality: "Portland",
  region: "OR",
  postalCode: "97201",
  countryCode: "US",
} as const;

export const CARD_TOKEN: CardToken = {
  token: "a".repeat(64),
  bin: "411111",
  last4: "1004",
  expiration: "2031-08",
  network: "visa",
  postalCode: "97201",
};

export const GUEST_CHOICE = {
  card: CARD_TOKEN,
  payer: { email: "nora@example.test", phone: "+15035550123", firstName: "Nora", lastName: "Guest" },
  address: GUEST_ADDRESS,
  signedIn: false,
  createAccount: false,
  save: false,
};

/** A guest's attempt to pay for `cart` as the order `orderId`. */
export function guestAttempt(orderId: string, cart: Cart): Attempt {
  return newCardAttempt(orderId, cart, GUEST_CHOICE);
}
