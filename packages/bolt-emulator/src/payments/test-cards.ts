import type { CardNetwork } from "../store/shoppers";

/** What a sandbox test card does when it is authorized. */
export type CardBehaviour = "approve" | "decline" | "cvv_check_fails";

export type TestCard = { number: string; network: CardNetwork; behaviour: CardBehaviour; cvvLength: 3 | 4 };

/** The three cards the payment field's sandbox hint names, by what they do. */
export const TEST_CARD_NUMBERS = {
  approves: "4111111111111004",
  declines: "4000000000000002",
  failsCvvCheck: "4000000000000127",
} as const;

/** The Luhn (mod 10) check every card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = Number(digits[index]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** American Express numbers start 34 or 37 and have a 4-digit security code. */
export function isAmex(digits: string): boolean {
  return /^3[47]/.test(digits);
}

export function findTestCard(digits: string): TestCard | undefined {
  return TEST_CARDS.find((card) => card.number === digits);
}

/**
 * The cards the emulator's payment field accepts. Like Bolt's sandbox, it is no place for a real card
 * number: anything else is refused at tokenization with a pointer to this list (README, "Test cards").
 */
export const TEST_CARDS: readonly TestCard[] = [
  // Bolt's universal sandbox card.
  { number: TEST_CARD_NUMBERS.approves, network: "visa", behaviour: "approve", cvvLength: 3 },
  { number: "5555555555554444", network: "mastercard", behaviour: "approve", cvvLength: 3 },
  { number: "378282246310005", network: "amex", behaviour: "approve", cvvLength: 4 },
  { number: TEST_CARD_NUMBERS.declines, network: "visa", behaviour: "decline", cvvLength: 3 },
  { number: TEST_CARD_NUMBERS.failsCvvCheck, network: "visa", behaviour: "cvv_check_fails", cvvLength: 3 },
];
