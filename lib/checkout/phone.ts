import type { ShippingCountry } from "./choices";

const CALLING_CODES: Record<ShippingCountry, string> = { US: "1", CA: "1", GB: "44" };

/**
 * A phone number as Bolt wants it (E.164, e.g. +14155550100), from what a shopper types: spaces,
 * dashes and brackets go, and a national number gets the shipping country's code (a UK number drops
 * its leading 0). Undefined when it cannot be one.
 */
export function toE164(typed: string, country: ShippingCountry): string | undefined {
  const compact = typed.replace(/[\s().-]/g, "");
  const international = compact.startsWith("+")
    ? compact
    : compact.startsWith("00")
      ? `+${compact.slice(2)}`
      : `+${CALLING_CODES[country]}${compact.replace(/^0/, "")}`;
  return /^\+[1-9]\d{6,14}$/.test(international) ? international : undefined;
}
