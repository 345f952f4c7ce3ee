"use server";

import { createHash } from "node:crypto";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import * as z from "zod";
import { getSessionView, RefreshPendingError, SignedOutError, StepUpRequiredError, withAccessToken } from "@/lib/auth";
import {
  addAddress,
  authorizeSavedCard,
  BoltDeclinedError,
  BoltError,
  BoltTimeoutError,
  BoltUnavailableError,
  deleteAddress,
  getAccount,
  updateAddress,
} from "@/lib/bolt";
import { clearCart, getCart, type Cart } from "@/lib/cart";
import { parseAddressForm, type AddressErrors, type AddressValues } from "@/lib/checkout/address-input";
import { saveReceipt } from "@/lib/orders/receipt";
import { consume, RateLimitedError } from "@/lib/rate-limit";
import { StoreUnavailableError } from "@/lib/store";

export type ActionState =
  | { status: "idle" }
  | { status: "done"; message?: string }
  | { status: "step-up"; values?: AddressValues }
  | { status: "error"; message: string; errors?: AddressErrors; values?: AddressValues };

const Id = z.string().min(1).max(128);

const PlaceOrderForm = z.object({ addressId: Id, cardId: Id, attempt: z.uuid() });

const SIGNED_OUT = "Your Bolt session has ended. Sign in again to continue; your cart is kept.";
const UNREACHABLE = "Bolt didn't answer, so nothing was changed. Please try again.";
/** The shared store could not confirm the session is still signed in, or a refresh is under way elsewhere. */
const UNCONFIRMED = "We couldn't confirm your sign-in just now, so nothing was changed. Please try again in a moment.";

/**
 * One click: authorizes the chosen saved card for the cart, priced on the server. The
 * Idempotency-Key comes from the rendered checkout attempt and the choices, so a double click or a
 * resubmitted form can never place two orders. Only a session confirmed not signed out (the shared
 * denylist answered) may order, and each session has a budget of attempts.
 */
export async function placeOrder(_previous: ActionState, form: FormData): Promise<ActionState> {
  const input = PlaceOrderForm.safeParse(Object.fromEntries(form));
  if (!input.success) return { status: "error", message: "Choose an address and a card to place your order." };
  const cart = await getCart();
  if (cart.lines.length === 0) return { status: "error", message: "Your cart is empty." };

  let outcome: ActionState | Placed;
  try {
    // Only a session the shared denylist confirms (withAccessToken reads it strictly), and within its budget.
    outcome = await withAccessToken("view", async (token, session) => {
      await consume("placeOrderPerSession", session.sid);
      return chargeSavedCard(token, input.data, cart);
    });
  } catch (error) {
    return orderError(error);
  }
  if ("status" in outcome) return outcome;
  await clearCart();
  redirect(`/orders/${encodeURIComponent(outcome.orderId)}`);
}

type Placed = { orderId: string };

/** Checks the choices against the shopper's Bolt account, pays, and seals the receipt. */
async function chargeSavedCard(
  token: string,
  choice: z.infer<typeof PlaceOrderForm>,
  cart: Cart,
): Promise<ActionState | Placed> {
  const account = await getAccount(token);
  const address = account.addresses.find((candidate) => candidate.id === choice.addressId);
  const card = account.cards.find((candidate) => candidate.id === choice.cardId);
  if (!address) return { status: "error", message: "That address is no longer in your Bolt account. Choose another." };
  if (!card) return { status: "error", message: "That card is no longer in your Bolt account. Choose another." };
  if (card.isExpired) return { status: "error", message: "That card has expired. Choose another card." };

  const result = await authorizeSavedCard(token, {
    cardId: card.id,
    idempotencyKey: idempotencyKey(account.profile.email, choice),
    cart: {
      orderReference: choice.attempt,
      currency: cart.currency,
      totalAmount: cart.total,
      taxAmount: cart.tax,
      items: cart.lines.map((line) => ({
        reference: line.product.id,
        name: line.product.name,
        unitPrice: line.product.price,
        quantity: line.quantity,
        totalAmount: line.lineTotal,
      })),
      shippingAddress: { ...address, email: account.profile.email },
    },
    user: {
      email: account.profile.email,
      phone: account.profile.phone ?? address.phone,
      firstName: account.profile.firstName,
      lastName: account.profile.lastName,
    },
  });
  await saveReceipt({
    orderId: result.orderId,
    status: result.status,
    placedAt: Date.now(),
    email: account.profile.email,
    lines: cart.lines.map((line) => ({
      name: line.product.name,
      quantity: line.quantity,
      lineTotal: line.lineTotal,
    })),
    subtotal: cart.subtotal,
    shipping: cart.shipping,
    tax: cart.tax,
    total: cart.total,
    address,
    card: { network: card.network, last4: card.last4 },
  });
  return { orderId: result.orderId };
}

/**
 * The same click on the same choices gives the same key, so Bolt answers a repeat with the first
 * result instead of charging again; choosing another card after a decline is a new attempt.
 */
function idempotencyKey(email: string, choice: z.infer<typeof PlaceOrderForm>): string {
  return createHash("sha256").update([email, choice.attempt, choice.addressId, choice.cardId].join("\n")).digest("hex");
}

function orderError(error: unknown): ActionState {
  if (error instanceof SignedOutError) return { status: "error", message: SIGNED_OUT };
  if (error instanceof StepUpRequiredError) {
    return {
      status: "error",
      message: "Bolt asks you to confirm it's you before paying. Log out, sign in with Bolt again and retry.",
    };
  }
  if (error instanceof RateLimitedError) {
    return {
      status: "error",
      message: `Too many order attempts. Please wait ${waitText(error.retryAfterSeconds)} and try again; nothing was charged.`,
    };
  }
  if (error instanceof StoreUnavailableError || error instanceof RefreshPendingError) {
    return {
      status: "error",
      message: "We couldn't confirm your sign-in just now. Please try again: nothing was charged.",
    };
  }
  if (error instanceof BoltDeclinedError) {
    return { status: "error", message: "Your card was declined. Choose another card or try again; your cart is kept." };
  }
  if (error instanceof BoltTimeoutError || error instanceof BoltUnavailableError) {
    return {
      status: "error",
      message: "We couldn't confirm the payment with Bolt. Please try again: you won't be charged twice.",
    };
  }
  if (error instanceof BoltError)
    return { status: "error", message: "Bolt couldn't place this order. Please try again." };
  throw error;
}

function waitText(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
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
    if (error instanceof SignedOutError) return { status: "error", message: SIGNED_OUT };
    if (error instanceof StoreUnavailableError || error instanceof RefreshPendingError) {
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
