"use server";

import { refresh } from "next/cache";
import * as z from "zod";
import { getSessionView, RefreshPendingError, SignedOutError, StepUpRequiredError, withAccessToken } from "@/lib/auth";
import { addAddress, BoltError, deleteAddress, getAccount, updateAddress } from "@/lib/bolt";
import { parseAddressForm, type AddressErrors, type AddressValues } from "@/lib/checkout/address-input";
import { MESSAGES } from "@/lib/checkout/messages";
import { NEW_CARD } from "@/lib/checkout/new-card";
import {
  placeGuestOrder,
  placeNewCardOrder,
  placeSavedCardOrder,
  resumePayment,
  type CheckoutState,
} from "@/lib/checkout/orders";
import { KvUnavailableError } from "@/lib/kv";

export type { CheckoutState } from "@/lib/checkout/orders";

export type ActionState =
  | { status: "idle" }
  | { status: "done"; message?: string }
  | { status: "step-up"; values?: AddressValues }
  | { status: "error"; message: string; errors?: AddressErrors; values?: AddressValues };

const Id = z.string().min(1).max(128);

const UNREACHABLE = "Bolt didn't answer, so nothing was changed. Please try again.";
/** The shared store could not confirm the session is still signed in, or a refresh is under way elsewhere. */
const UNCONFIRMED = "We couldn't confirm your sign-in just now, so nothing was changed. Please try again in a moment.";

// Placing an order lives in lib/checkout; these actions only hand it the form.

/** The signed-in shopper's order: a card from their Bolt wallet, or a new one from Bolt's payment field. */
export async function placeOrder(_previous: CheckoutState, form: FormData): Promise<CheckoutState> {
  return form.get("cardId") === NEW_CARD ? placeNewCardOrder(form) : placeSavedCardOrder(form);
}

/** A guest's card from Bolt's payment field, with or without a new Bolt account. */
export async function payAsGuest(_previous: CheckoutState, form: FormData): Promise<CheckoutState> {
  return placeGuestOrder(form);
}

/** Sends a payment Bolt never answered again, as it was: Bolt replies with the first result. */
export async function checkPendingPayment(): Promise<CheckoutState> {
  return resumePayment();
}

/** Runs an edit of saved Bolt data, turning a view-only session into a request to verify again. */
async function editAccount(
  edit: (token: string) => Promise<void>,
  done: string,
  values?: AddressValues,
): Promise<ActionState> {
  try {
    await withAccessToken("manage", edit);
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
    async (token) => {
      const session = await getSessionView();
      if (!session.signedIn) throw new SignedOutError();
      await addAddress(token, { ...parsed.address, email: session.email, isDefault: makeDefault });
    },
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
