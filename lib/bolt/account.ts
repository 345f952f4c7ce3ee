import "server-only";
import * as z from "zod";
import { toAddress, toWireAccountAddress, toWireAddress, WireAddress } from "./address-wire";
import { BoltApiError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import type { Account, Address, CardNetwork, NewSavedCardInput, SavedAddressInput, SavedCard } from "./types";
import { log } from "@/lib/log/logger";

export const CARD_NETWORKS = [
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

/** An empty or missing `type` means a card. */
export const WireCard = z.object({
  id: z.string().min(1),
  type: z.enum(["card", ""]).nullish(),
  network: z.enum(CARD_NETWORKS).catch("unknown"),
  last4: z.string().regex(/^\d{4}$/),
  exp_month: z.int().min(1).max(12),
  exp_year: z.int().min(2000).max(2200),
  default: z.boolean().nullish(),
  billing_address: z.object({ postal_code: z.string().nullish() }).nullish(),
});

/** Entries are checked one by one, so one odd entry can't hide the rest. */
export const WireAccount = z.object({
  profile: z.object({
    email: z.string().min(1),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    phone: z.string().nullish(),
  }),
  addresses: z.array(z.unknown()).nullish(),
  payment_methods: z.array(z.unknown()).nullish(),
});

const PayPal = z.object({ type: z.literal("paypal") });

/** Anything but a short alphanumeric id (`..`, `/`) could change the request path. */
function idSegment(operation: string, id: string): string {
  if (!/^[\w-]{1,128}$/.test(id)) throw new BoltApiError(`${operation}: not a Bolt id`, 404);
  return id;
}

/** Cards are good through their expiry month (UTC). */
export function isCardExpired(expMonth: number, expYear: number, now = new Date()): boolean {
  const year = now.getUTCFullYear();
  return expYear < year || (expYear === year && expMonth < now.getUTCMonth() + 1);
}

function toCard(wire: z.output<typeof WireCard>, now: Date): SavedCard {
  return {
    id: wire.id,
    network: wire.network satisfies CardNetwork,
    last4: wire.last4,
    expMonth: wire.exp_month,
    expYear: wire.exp_year,
    isDefault: wire.default ?? false,
    isExpired: isCardExpired(wire.exp_month, wire.exp_year, now),
    billingPostalCode: wire.billing_address?.postal_code || undefined,
  };
}

/** Logs how many were dropped, never their content. */
function parseEach<S extends z.ZodType, T>(
  entries: unknown[],
  schema: S,
  reshape: (wire: z.output<S>) => T,
  what: string,
): T[] {
  const kept: T[] = [];
  for (const entry of entries) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) kept.push(reshape(parsed.data));
  }
  if (kept.length < entries.length)
    log.warn("bolt: getAccount dropped unreadable entries", { what, dropped: entries.length - kept.length });
  return kept;
}

/** PayPal accounts are left out. A GET, so retried. */
export async function getAccount(accessToken: string): Promise<Account> {
  const now = new Date();
  const body = await callBolt({
    operation: "getAccount",
    method: "GET",
    path: "/v1/account",
    accessToken,
    errors: "api",
  });
  const wire = parseBoltBody(WireAccount, body, "getAccount");
  const cards = (wire.payment_methods ?? []).filter((entry) => !PayPal.safeParse(entry).success);
  return {
    profile: {
      email: wire.profile.email,
      firstName: wire.profile.first_name ?? "",
      lastName: wire.profile.last_name ?? "",
      phone: wire.profile.phone || undefined,
    },
    addresses: parseEach(wire.addresses ?? [], WireAddress, toAddress, "addresses"),
    cards: parseEach(cards, WireCard, (card) => toCard(card, now), "payment methods"),
  };
}

export async function addAddress(accessToken: string, input: SavedAddressInput): Promise<Address> {
  const body = await callBolt({
    operation: "addAddress",
    method: "POST",
    path: "/v1/account/addresses",
    accessToken,
    json: toWireAccountAddress(input),
    errors: "api",
  });
  return toAddress(parseBoltBody(WireAddress, body, "addAddress"));
}

/** PUT keeps the id; also how an address becomes the default. */
export async function updateAddress(accessToken: string, id: string, input: SavedAddressInput): Promise<Address> {
  const body = await callBolt({
    operation: "updateAddress",
    method: "PUT",
    path: `/v1/account/addresses/${idSegment("updateAddress", id)}`,
    accessToken,
    json: toWireAccountAddress(input),
    errors: "api",
  });
  return toAddress(parseBoltBody(WireAddress, body, "updateAddress"));
}

export async function deleteAddress(accessToken: string, id: string): Promise<void> {
  const path = `/v1/account/addresses/${idSegment("deleteAddress", id)}` as const;
  await callBolt({ operation: "deleteAddress", method: "DELETE", path, accessToken, errors: "api" });
}

/** Not retried: the card token is single-use. */
export async function addPaymentMethod(accessToken: string, input: NewSavedCardInput): Promise<SavedCard> {
  const { card, billingAddress } = input;
  const body = await callBolt({
    operation: "addPaymentMethod",
    method: "POST",
    path: "/v1/account/payment_methods",
    accessToken,
    json: {
      token: card.token,
      last4: card.last4,
      bin: card.bin,
      network: card.network === "unknown" ? undefined : card.network,
      expiration: card.expiration,
      postal_code: card.postalCode ?? billingAddress.postalCode,
      token_type: "bolt",
      billing_address_id: billingAddress.id,
      billing_address: toWireAddress({ ...billingAddress, email: input.email }),
    },
    errors: "api",
  });
  return toCard(parseBoltBody(WireCard, body, "addPaymentMethod"), new Date());
}

export async function deletePaymentMethod(accessToken: string, id: string): Promise<void> {
  const path = `/v1/account/payment_methods/${idSegment("deletePaymentMethod", id)}` as const;
  await callBolt({ operation: "deletePaymentMethod", method: "DELETE", path, accessToken, errors: "api" });
}
