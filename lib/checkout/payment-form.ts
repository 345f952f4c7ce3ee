import * as z from "zod";
import { CARD_NETWORKS, type CardToken } from "@/lib/bolt";
import { parseAddressForm, type ShopperAddress } from "./address-input";
import type { ShippingCountry } from "./choices";
import type { Shown } from "./place-order";

// Untrusted input. A card arrives only as the token Bolt's payment field made: no field here could hold a card number.

const ShownSchema = z.object({
  total: z.coerce.number().int().nonnegative(),
  fingerprint: z.string().regex(/^[\w-]{1,64}$/),
});

/** Bolt's newer field may leave out `network`, `bin` and (without its ZIP input) `postal_code`. */
const CardTokenSchema = z
  .object({
    token: z.string().min(1).max(512),
    bin: z
      .string()
      .regex(/^\d{4,6}$/)
      .optional(),
    last4: z.string().regex(/^\d{4}$/),
    expiration: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    network: z.enum(CARD_NETWORKS).catch("unknown"),
    token_type: z.literal("bolt"),
    postal_code: z
      .string()
      .trim()
      .max(32)
      .optional()
      .transform((zip) => zip || undefined),
  })
  .transform((card): CardToken => ({
    token: card.token,
    bin: card.bin,
    last4: card.last4,
    expiration: card.expiration,
    network: card.network,
    postalCode: card.postal_code,
  }));

const Id = z.string().min(1).max(128);

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

export function readShown(form: FormData): Shown | undefined {
  const shown = ShownSchema.safeParse({ total: text(form, "total"), fingerprint: text(form, "fingerprint") });
  return shown.success ? shown.data : undefined;
}

export function readCardToken(form: FormData): CardToken | undefined {
  const raw = text(form, "card");
  if (!raw || raw.length > 4096) return undefined;
  try {
    const card = CardTokenSchema.safeParse(JSON.parse(raw));
    return card.success ? card.data : undefined;
  } catch {
    return undefined;
  }
}

export function readId(form: FormData, name: string): string | undefined {
  const id = Id.safeParse(text(form, name));
  return id.success ? id.data : undefined;
}

export type GuestField = "email" | "mobile";

export type GuestDetails = {
  email: string;
  address: ShopperAddress;
  /** E.164. */
  mobile: string;
  createAccount: boolean;
};

/** The address was checked at its own step; it is checked again because the browser sends it again. */
export function readGuestDetails(
  form: FormData,
): { ok: true; details: GuestDetails } | { ok: false; message: string; fields: Partial<Record<GuestField, string>> } {
  const fields: Partial<Record<GuestField, string>> = {};
  const email = z.email().max(254).safeParse(text(form, "email")?.trim());
  if (!email.success) fields.email = "Enter your email address.";
  const address = parseAddressForm(form);
  if (!address.ok) return { ok: false, message: "Check your shipping address.", fields };
  const createAccount = text(form, "createAccount") === "on";
  const typedMobile = text(form, "mobile")?.trim() ?? "";
  const mobile = typedMobile ? toE164(typedMobile, address.address.countryCode) : undefined;
  if (!mobile) {
    fields.mobile = typedMobile
      ? "Enter a mobile number Bolt can text, with its country code if it isn't local, e.g. +1 415 555 0100."
      : "Enter your mobile number: Bolt needs one for every payment, e.g. +1 415 555 0100.";
  }
  if (!email.success || !mobile) return { ok: false, message: "Check the highlighted fields.", fields };
  return { ok: true, details: { email: email.data, address: address.address, mobile, createAccount } };
}

const CALLING_CODES: Record<ShippingCountry, string> = { US: "1", CA: "1", GB: "44" };

/** E.164 from what a shopper types; a national number gets the shipping country's code (a UK number drops its 0). */
export function toE164(typed: string, country: ShippingCountry): string | undefined {
  const compact = typed.replace(/[\s().-]/g, "");
  const international = compact.startsWith("+")
    ? compact
    : compact.startsWith("00")
      ? `+${compact.slice(2)}`
      : `+${CALLING_CODES[country]}${compact.replace(/^0/, "")}`;
  return /^\+[1-9]\d{6,14}$/.test(international) ? international : undefined;
}
