"use server";

import { refresh } from "next/cache";
import { cookies } from "next/headers";
import * as z from "zod";
import { addAddress, BoltError, deleteAddress, getAccount, updateAddress } from "@/lib/bolt";
import {
  parseAddressForm,
  type AddressErrors,
  type AddressValues,
  type ShopperAddress,
} from "@/lib/checkout/address-input";
import { MESSAGES } from "@/lib/checkout/messages";
import { KvUnavailableError } from "@/lib/kv";
import { cookieStoreJar } from "@/lib/session/cookie";
import { RefreshPendingError, SignedOutError, StepUpRequiredError } from "@/lib/session/errors";
import { withAccessToken } from "@/lib/session/upkeep";

export type ActionState =
  | { status: "idle" }
  | { status: "done"; message?: string }
  | { status: "step-up"; values?: AddressValues }
  | { status: "error"; message: string; errors?: AddressErrors; values?: AddressValues };

export type GuestAddressState =
  { status: "editing"; errors?: AddressErrors; values?: AddressValues } | { status: "saved"; address: ShopperAddress };

const Id = z.string().min(1).max(128);

const UNREACHABLE = "Bolt didn't answer, so nothing was changed. Please try again.";
const UNCONFIRMED = "We couldn't confirm your sign-in just now, so nothing was changed. Please try again in a moment.";

async function editAccount(
  edit: (token: string, email: string) => Promise<void>,
  done: string,
  values?: AddressValues,
): Promise<ActionState> {
  try {
    await withAccessToken(cookieStoreJar(await cookies()), "manage", (token, session) => edit(token, session.email));
  } catch (error) {
    // The form is submitted again after verification, so it must come back filled in.
    if (error instanceof StepUpRequiredError) return { status: "step-up", values };
    if (error instanceof SignedOutError) return { status: "error", message: MESSAGES.signedOut };
    if (error instanceof KvUnavailableError || error instanceof RefreshPendingError) {
      return { status: "error", message: UNCONFIRMED };
    }
    if (error instanceof BoltError) return { status: "error", message: UNREACHABLE };
    throw error;
  }
  refresh();
  return { status: "done", message: done };
}

export async function addSavedAddress(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseAddressForm(form);
  if (!parsed.ok)
    return { status: "error", message: "Check the highlighted fields.", errors: parsed.errors, values: parsed.values };
  const makeDefault = form.get("makeDefault") === "on";
  const values = Object.fromEntries(Object.entries(parsed.address).filter((entry) => entry[1] !== undefined));
  return editAccount(
    async (token, email) => void (await addAddress(token, { ...parsed.address, email, isDefault: makeDefault })),
    "Address saved.",
    values,
  );
}

export async function deleteSavedAddress(_previous: ActionState, form: FormData): Promise<ActionState> {
  const id = Id.safeParse(form.get("addressId"));
  if (!id.success) return { status: "error", message: "Choose an address to delete." };
  return editAccount((token) => deleteAddress(token, id.data), "Address deleted.");
}

export async function makeDefaultAddress(_previous: ActionState, form: FormData): Promise<ActionState> {
  const id = Id.safeParse(form.get("addressId"));
  if (!id.success) return { status: "error", message: "Choose an address." };
  return editAccount(async (token) => {
    const account = await getAccount(token);
    const address = account.addresses.find((candidate) => candidate.id === id.data);
    if (!address) return;
    await updateAddress(token, address.id, { ...address, email: account.profile.email, isDefault: true });
  }, "Default address updated.");
}

/** Nothing is stored until a payment method exists. */
export async function saveGuestAddress(_previous: GuestAddressState, form: FormData): Promise<GuestAddressState> {
  const parsed = parseAddressForm(form);
  if (parsed.ok) return { status: "saved", address: parsed.address };
  return { status: "editing", errors: parsed.errors, values: parsed.values };
}
