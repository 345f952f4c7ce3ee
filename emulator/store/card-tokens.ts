import { hexToken } from "../ids";
import type { CardNetwork } from "./shoppers";

export const CARD_TOKEN_TTL_MS = 15 * 60 * 1000;

export type CardToken = { token: string; expiry: number; last4: string; bin: string; network: CardNetwork };

/** Tokens for Bolt's universal test card 4111 1111 1111 1004, each usable once within 15 minutes. */
export class CardTokenStore {
  private readonly tokens = new Map<string, CardToken & { used: boolean }>();

  mint(now = Date.now()): CardToken {
    const token: CardToken = {
      token: hexToken(32),
      expiry: now + CARD_TOKEN_TTL_MS,
      last4: "1004",
      bin: "411111",
      network: "visa",
    };
    this.tokens.set(token.token, { ...token, used: false });
    return token;
  }

  /** Consumes a token; undefined when it is unknown, expired or already used. */
  consume(value: string, now = Date.now()): CardToken | undefined {
    const record = this.tokens.get(value);
    if (!record || record.used || record.expiry <= now) return undefined;
    record.used = true;
    return record;
  }
}
