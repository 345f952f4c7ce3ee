import * as z from "zod";
import { SHIPPING_COUNTRIES } from "./choices";

const text = (label: string, max = 120) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });

const optionalText = (label: string, max = 120) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .transform((value) => value || undefined)
    .optional();

const POSTAL_CODES: Record<keyof typeof SHIPPING_COUNTRIES, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/,
  GB: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/,
};

const ShopperAddressSchema = z
  .object({
    firstName: text("First name", 60),
    lastName: text("Last name", 60),
    company: optionalText("Company"),
    street1: text("Street address", 200),
    street2: optionalText("Apartment, suite, etc.", 200),
    locality: text("City", 100),
    region: text("State / province / county", 100),
    postalCode: text("Postal code", 16),
    countryCode: z.enum(Object.keys(SHIPPING_COUNTRIES) as [keyof typeof SHIPPING_COUNTRIES], {
      error: "Choose a country we ship to.",
    }),
    phone: z
      .string()
      .trim()
      .regex(/^$|^\+?[0-9 ()-]{7,20}$/, { error: "Enter a phone number, e.g. +1 415 555 0100." })
      .transform((value) => value || undefined)
      .optional(),
  })
  .superRefine((address, ctx) => {
    if (!POSTAL_CODES[address.countryCode].test(address.postalCode)) {
      ctx.addIssue({ code: "custom", path: ["postalCode"], message: "Enter a valid postal code for that country." });
    }
  });

export type ShopperAddress = z.infer<typeof ShopperAddressSchema>;
export type AddressField = keyof ShopperAddress;
export type AddressErrors = Partial<Record<AddressField, string>>;

export type AddressValues = Partial<Record<AddressField, string>>;

export type AddressParse =
  { ok: true; address: ShopperAddress } | { ok: false; errors: AddressErrors; values: AddressValues };

/** On failure, each field's first message and what was typed, so nothing is lost. */
export function parseAddressForm(form: FormData): AddressParse {
  const values: AddressValues = {};
  for (const key of Object.keys(ShopperAddressSchema.shape) as AddressField[]) {
    const value = form.get(key);
    if (typeof value === "string") values[key] = value;
  }
  const parsed = ShopperAddressSchema.safeParse(values);
  if (parsed.success) return { ok: true, address: parsed.data };
  const errors: AddressErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as AddressField | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors, values };
}
