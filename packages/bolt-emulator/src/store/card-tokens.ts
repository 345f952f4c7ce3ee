import { hexToken, objectId } from "../ids";
import type { CardBehaviour } from "../payments/test-cards";
import type { CardNetwork, SavedCard } from "./shoppers";

export const CARD_TOKEN_TTL_MS = 15 * 60 * 1000;

/** What a card token stands for. The card number itself is never kept: only what Bolt would show a merchant. */
export type CardToken = {
  token: string;
  /** Epoch milliseconds: 15 minutes after it was made. */
  expiry: number;
  last4: string;
  bin: string;
  network: CardNetwork;
  /** `YYYY-MM` as typed into the payment field; tokens from `/v1/testing/card_token` carry none. */
  expiration?: string;
  postalCode?: string;
  behaviour: CardBehaviour;
  /** The merchant whose page made it: no other merchant may spend it. */
  publishableKey: string;
};

export type CardDetails = Omit<CardToken, "token" | "expiry">;

/** Single-use card tokens, each bound to the publishable key that made it and good for 15 minutes. */
export class CardTokenStore {
  private readonly tokens = new Map<string, { token: CardToken; used: boolean }>();

  mint(details: CardDetails, now = Date.now()): CardToken {
    const token: CardToken = { ...details, token: hexToken(32), expiry: now + CARD_TOKEN_TTL_MS };
    this.tokens.set(token.token, { token, used: false });
    return token;
  }

  /** Spends a token; undefined when it is unknown, expired, already spent or another merchant's. */
  consume(value: string, publishableKey: string, now = Date.now()): CardToken | undefined {
    const record = this.tokens.get(value);
    if (!record || record.used) return undefined;
    const { token } = record;
    if (token.expiry <= now || token.publishableKey !== publishableKey) return undefined;
    record.used = true;
    return token;
  }
}

/** The card a spent token stands for, as a wallet would keep it: its test behaviour travels with it. */
export function cardFromToken(
  token: CardToken,
  expiration: string,
  billingAddress?: SavedCard["billingAddress"],
): Omit<SavedCard, "billingAddress"> & { billingAddress?: SavedCard["billingAddress"] } {
  const [expYear, expMonth] = expiration.split("-").map(Number) as [number, number];
  return {
    id: objectId(),
    network: token.network,
    last4: token.last4,
    bin: token.bin,
    expMonth,
    expYear,
    ...(billingAddress ? { billingAddress } : {}),
    isDefault: false,
    alwaysDeclines: token.behaviour === "decline",
    heldForReview: false,
    failsCvvCheck: token.behaviour === "cvv_check_fails",
  };
}
