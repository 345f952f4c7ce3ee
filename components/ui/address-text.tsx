import type { ComponentProps } from "react";
import type { Address } from "@/lib/bolt";
import { SHIPPING_COUNTRIES } from "@/lib/checkout/choices";
import styles from "./address-text.module.css";

type Props = Omit<ComponentProps<"span">, "children"> & { address: Omit<Address, "id" | "isDefault" | "phone"> };

/** A `span`, so it can sit inside a radio's label; `<address>` is for the page's own contact details. */
export function AddressText({ address, className, ...props }: Props) {
  const country = SHIPPING_COUNTRIES[address.countryCode as keyof typeof SHIPPING_COUNTRIES] ?? address.countryCode;
  return (
    <span {...props} className={`${styles.address} ${className ?? ""}`}>
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
    </span>
  );
}
