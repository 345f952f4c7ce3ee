import * as z from "zod";
import { isExpired } from "../account/views";
import type { CardDetails } from "../store/card-tokens";
import { findTestCard, isAmex, passesLuhn } from "./test-cards";

/**
 * What the payment field sends to Bolt's tokenizer: the card as typed, and the merchant's publishable
 * key. `postal_code` only when the field shows its billing ZIP input.
 */
export const TokenizeBody = z.strictObject({
  key: z.string().max(512),
  number: z.string().max(64),
  expiration: z.string().max(16),
  cvv: z.string().max(8),
  postal_code: z.string().max(64).optional(),
});

export type TokenizeField = "number" | "expiration" | "cvv" | "postal_code";
export type FieldError = { field: TokenizeField; message: string };

export const SANDBOX_CARD_HINT = "This is Bolt's sandbox: use a test card such as 4111 1111 1111 1004.";

/**
 * Checks a typed card the way the payment field does (Luhn, expiry in the past, CVV length) and, in
 * the sandbox, that it is one of the test cards. Answers every wrong field, or what the token will
 * stand for. The number itself goes no further than this function.
 */
export function checkCard(
  input: z.output<typeof TokenizeBody>,
  publishableKey: string,
  now = new Date(),
): { errors: FieldError[] } | { card: CardDetails } {
  const errors: FieldError[] = [];
  const digits = input.number.replace(/[\s-]/g, "");
  const testCard = findTestCard(digits);
  if (!digits) errors.push({ field: "number", message: "Enter the card number." });
  else if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits))
    errors.push({ field: "number", message: "This card number isn't valid. Check it and try again." });
  else if (!testCard) errors.push({ field: "number", message: SANDBOX_CARD_HINT });

  const expiry = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(input.expiration.trim());
  if (!input.expiration.trim()) errors.push({ field: "expiration", message: "Enter the expiry date." });
  else if (!expiry) errors.push({ field: "expiration", message: "Enter the expiry date as MM / YY." });
  else if (isExpired({ expYear: Number(expiry[1]), expMonth: Number(expiry[2]) }, now))
    errors.push({ field: "expiration", message: "This card has expired." });

  const cvvLength = testCard?.cvvLength ?? (isAmex(digits) ? 4 : 3);
  if (!new RegExp(`^\\d{${cvvLength}}$`).test(input.cvv.trim()))
    errors.push({ field: "cvv", message: `Enter the ${cvvLength}-digit security code.` });

  const postalCode = input.postal_code?.trim();
  if (postalCode !== undefined && (!postalCode || postalCode.length > 32))
    errors.push({ field: "postal_code", message: "Enter the billing postal code." });

  if (errors.length > 0 || !testCard || !expiry) return { errors };
  return {
    card: {
      last4: digits.slice(-4),
      bin: digits.slice(0, 6),
      network: testCard.network,
      expiration: `${expiry[1]}-${expiry[2]}`,
      ...(postalCode === undefined ? {} : { postalCode }),
      behaviour: testCard.behaviour,
      publishableKey,
    },
  };
}
