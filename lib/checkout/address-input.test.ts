import { describe, expect, it } from "vitest";
import { parseAddressForm } from "./address-input";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const valid = {
  firstName: "Dana",
  lastName: "Guest",
  street1: "1 Market St",
  locality: "San Francisco",
  region: "CA",
  postalCode: "94105",
  countryCode: "US",
};

describe("parseAddressForm", () => {
  it("accepts a complete US address and trims what the shopper typed", () => {
    const result = parseAddressForm(form({ ...valid, firstName: "  Dana ", street2: "  " }));
    expect(result).toEqual({ ok: true, address: { ...valid, firstName: "Dana", street2: undefined } });
  });

  it("names every missing required field in plain words", () => {
    const result = parseAddressForm(form({}));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      firstName: "First name is required.",
      lastName: "Last name is required.",
      street1: "Street address is required.",
      locality: "City is required.",
      postalCode: "Postal code is required.",
      countryCode: "Choose a country we ship to.",
    });
  });

  it("keeps a phone number typed, and none when the field is left blank", () => {
    const typed = parseAddressForm(form({ ...valid, phone: " +1 415 555 0100 " }));
    expect(typed).toMatchObject({ ok: true, address: { phone: "+1 415 555 0100" } });
    const blank = parseAddressForm(form({ ...valid, phone: "  " }));
    expect(blank).toEqual({ ok: true, address: { ...valid, street2: undefined, phone: undefined } });
  });

  it("rejects a postal code that does not fit the country", () => {
    const result = parseAddressForm(form({ ...valid, postalCode: "SW1A 1AA" }));
    expect(result).toMatchObject({ ok: false, errors: { postalCode: "Enter a valid postal code for that country." } });
  });

  it("accepts a UK postcode for the United Kingdom", () => {
    expect(parseAddressForm(form({ ...valid, countryCode: "GB", postalCode: "SW1A 1AA" })).ok).toBe(true);
  });

  it("refuses countries the store does not ship to and over-long fields", () => {
    const result = parseAddressForm(form({ ...valid, countryCode: "ZZ", street1: "x".repeat(201) }));
    expect(result).toMatchObject({
      ok: false,
      errors: {
        countryCode: "Choose a country we ship to.",
        street1: "Street address must be at most 200 characters.",
      },
    });
  });

  it("hands back what the shopper typed when a field is wrong, so nothing is lost", () => {
    const result = parseAddressForm(form({ ...valid, postalCode: "nope" }));
    expect(result).toEqual({
      ok: false,
      errors: { postalCode: "Enter a valid postal code for that country." },
      values: { ...valid, postalCode: "nope" },
    });
  });

  it("keeps markup as plain text rather than rejecting it, since React renders it escaped", () => {
    const result = parseAddressForm(form({ ...valid, street1: '<img src=x onerror="alert(1)">' }));
    expect(result.ok && result.address.street1).toBe('<img src=x onerror="alert(1)">');
  });
});
