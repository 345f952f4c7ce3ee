import * as z from "zod";
import type { Address, SavedAddressInput, ShippingAddress } from "./types";

type WithEmail = ShippingAddress & { email: string };

const optionalText = z
  .string()
  .nullish()
  .transform((value) => value || undefined);

/** Responses say `phone_number`; requests say `phone`. */
export const WireAddress = z.object({
  id: z.string().min(1),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  company: optionalText,
  street_address1: z.string().min(1),
  street_address2: optionalText,
  locality: z.string().min(1),
  region: z.string().nullish(),
  region_code: optionalText,
  postal_code: z.string().min(1),
  country_code: z.string().regex(/^[A-Za-z]{2}$/),
  phone_number: optionalText,
  default: z.boolean().nullish(),
});

export function toAddress(wire: z.output<typeof WireAddress>): Address {
  return {
    id: wire.id,
    firstName: wire.first_name ?? "",
    lastName: wire.last_name ?? "",
    company: wire.company,
    street1: wire.street_address1,
    street2: wire.street_address2,
    locality: wire.locality,
    region: wire.region ?? "",
    regionCode: wire.region_code,
    postalCode: wire.postal_code,
    countryCode: wire.country_code.toUpperCase(),
    phone: wire.phone_number,
    isDefault: wire.default ?? false,
  };
}

export function e164(phone: string | undefined): string | undefined {
  return phone?.replace(/[\s().-]/g, "") || undefined;
}

/** Only known keys: Bolt refuses response-only names. */
export function toWireAddress(input: WithEmail): Record<string, unknown> {
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    company: input.company || undefined,
    street_address1: input.street1,
    street_address2: input.street2 || undefined,
    locality: input.locality,
    region: input.region || undefined,
    region_code: input.regionCode || undefined,
    postal_code: input.postalCode,
    country_code: input.countryCode,
    phone: e164(input.phone),
    email: input.email,
  };
}

export function toWireAccountAddress(input: SavedAddressInput): Record<string, unknown> {
  return { ...toWireAddress(input), default: input.isDefault };
}
