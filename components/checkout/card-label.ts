import type { SavedCard } from "@/lib/bolt";

const NETWORK_NAMES: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  dinersclub: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
};

export function networkName(network: string): string {
  return NETWORK_NAMES[network] ?? "Card";
}

export function cardExpiry(card: Pick<SavedCard, "expMonth" | "expYear">): string {
  return `${String(card.expMonth).padStart(2, "0")}/${String(card.expYear).slice(-2)}`;
}
