import * as z from "zod";

// Request bodies are strict: an unknown field is a 422, so a client sending a response-only name
// (`phone_number`, `email_address`, `is_default`) learns about it here rather than in production.

const text = (max = 1024) => z.string().trim().min(1).max(max);
const optionalText = z.string().max(1024).optional();
const nullableText = z.string().max(1024).nullable().optional();

export const Phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, { error: "must be an E.164 phone number such as +14155550101" });

const Metadata = z
  .record(z.string().max(40), z.string().max(500))
  .refine((value) => Object.keys(value).length <= 50, { error: "at most 50 metadata keys" })
  .nullable()
  .optional();

export const NETWORKS = [
  "visa",
  "mastercard",
  "amex",
  "discover",
  "dinersclub",
  "jcb",
  "unionpay",
  "alliancedata",
  "citiplcc",
  "unknown",
] as const;

/** Bolt's `address` / `address_account` request shape. `region` is required for US addresses only, as the doc says. */
export const AddressInput = z
  .strictObject({
    first_name: text(),
    last_name: text(),
    name: optionalText,
    company: optionalText,
    street_address1: text(),
    street_address2: optionalText,
    street_address3: nullableText,
    street_address4: nullableText,
    locality: text(),
    region: optionalText,
    region_code: nullableText,
    postal_code: text(32),
    country: optionalText,
    country_code: z
      .string()
      .regex(/^[A-Za-z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 code such as US" })
      .transform((code) => code.toUpperCase()),
    phone: Phone.optional(),
    email: z.email().max(255),
    door_code: nullableText,
    default: z.boolean().optional(),
    metadata: Metadata,
  })
  .refine((address) => address.country_code !== "US" || Boolean(address.region?.trim()), {
    error: "region is required for US addresses",
    path: ["region"],
  });
export type AddressInput = z.output<typeof AddressInput>;

/** Bolt's `payment_method_account` (a `credit_card_account` plus `default`) and the optional `currency`. */
export const PaymentMethodInput = z.strictObject({
  token: text(),
  expiration: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "must be YYYY-MM, e.g. 2029-08" }),
  billing_address: AddressInput,
  billing_address_id: z.string().min(1).nullable().optional(),
  bin: z
    .string()
    .regex(/^\d{4,6}$/)
    .optional(),
  last4: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  network: z.enum(NETWORKS).optional(),
  postal_code: z.string().max(32).optional(),
  number: z.string().optional(),
  cryptogram: z.string().optional(),
  eci: z.string().optional(),
  priority: z.union([z.literal(1), z.literal(2)]).optional(),
  save: z.boolean().optional(),
  token_type: z.enum(["vantiv", "applepay", "bolt", "stripe", "plcc"]).optional(),
  metadata: Metadata,
  default: z.boolean().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});

/** Bolt's `update_profile`. */
export const ProfileInput = z.strictObject({
  first_name: text().optional(),
  last_name: text().optional(),
  metadata: Metadata,
});
