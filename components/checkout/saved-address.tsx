import type { Address } from "@/lib/bolt";
import { SHIPPING_COUNTRIES } from "@/lib/checkout/countries";

/** An address as a shopper reads it on an envelope. Text only: React escapes whatever Bolt returns. */
export function SavedAddress({ address }: { address: Address }) {
  const country = SHIPPING_COUNTRIES[address.countryCode as keyof typeof SHIPPING_COUNTRIES] ?? address.countryCode;
  return (
    <>
      <span>
        {address.firstName} {address.lastName}
      </span>
      {address.company && <span>{address.company}</span>}
      <span>
        {address.street1}
        {address.street2 && `, ${address.street2}`}
      </span>
      <span>
        {address.locality}, {address.regionCode ?? address.region} {address.postalCode}
      </span>
      <span>{country}</span>
    </>
  );
}
