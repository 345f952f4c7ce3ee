"use server";

import { refresh } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Payer } from "@/lib/bolt";
import { clearCart, getCart, type Cart } from "@/lib/cart";
import {
  authorizeAttempt,
  checkoutAttempts,
  checkoutCookieName,
  checkoutCookieOptions,
  isCheckoutId,
  newCheckoutId,
  type Attempt,
} from "@/lib/checkout/attempt";
import { NEW_CARD } from "@/lib/checkout/choices";
import { errorState, failureState, MESSAGES, outcomeMessage, type CheckoutState } from "@/lib/checkout/messages";
import { newCardAttempt, newCardOrder, savedCardOrder } from "@/lib/checkout/new-attempt";
import { readCardToken, readGuestDetails, readId, readShown } from "@/lib/checkout/payment-form";
import {
  cartFingerprint,
  placeOrder,
  resumeAttempt,
  type PaymentDeps,
  type PaymentOutcome,
  type Shown,
} from "@/lib/checkout/place-order";
import { receiptOf, saveReceipt } from "@/lib/checkout/receipt";
import { actionFromOwnPage } from "@/lib/auth/request-checks";
import { getEnv } from "@/lib/env";
import { clientIp, consume } from "@/lib/rate-limit";
import { cookieStoreJar, type CookieJar } from "@/lib/session/cookie";
import { endRefusedSession, withAccessToken } from "@/lib/session/upkeep";

// Next's side of paying (form, cookies, redirect, refresh); what to charge is decided in lib/checkout.

export async function paySignedIn(_previous: CheckoutState, form: FormData): Promise<CheckoutState> {
  const shown = readShown(form);
  const addressId = readId(form, "addressId");
  if (!shown || !addressId) return errorState(MESSAGES.missingChoice);
  const jar = cookieStoreJar(await cookies());
  if (form.get("cardId") !== NEW_CARD) {
    const cardId = readId(form, "cardId");
    if (!cardId) return errorState(MESSAGES.missingChoice);
    return respond(() =>
      withAccessToken(jar, "view", (token, session) =>
        pay(jar, token, shown, async (cart) => {
          await consume("placeOrderPerSession", session.sub);
          return savedCardOrder(token, cart, { addressId, cardId });
        }),
      ),
    );
  }
  const card = readCardToken(form);
  if (!card) return errorState(MESSAGES.cardNotTokenized);
  const save = form.get("save") === "on";
  return respond(() =>
    withAccessToken(jar, save ? "manage" : "view", (token, session) =>
      pay(jar, token, shown, async (cart) => {
        await consume("placeOrderPerSession", session.sub);
        return newCardOrder(token, cart, { addressId, card, save });
      }),
    ),
  );
}

/**
 * Paid with the API key alone. Rate-limited per client and overall, so the form can't test stolen cards;
 * everything else is checked first (Origin, card token, cart), so nobody spends the shared budget for free.
 */
export async function payAsGuest(_previous: CheckoutState, form: FormData): Promise<CheckoutState> {
  const requestHeaders = await headers();
  if (!actionFromOwnPage(requestHeaders, getEnv().appOrigin)) return errorState(MESSAGES.notOwnPage);
  const shown = readShown(form);
  const read = readGuestDetails(form);
  if (!shown) return errorState(MESSAGES.missingChoice);
  if (!read.ok) return { status: "error", message: read.message, fields: read.fields };
  const card = readCardToken(form);
  if (!card) return errorState(MESSAGES.cardNotTokenized);
  const { email, address, mobile, createAccount } = read.details;
  const payer: Payer = {
    email,
    phone: mobile,
    firstName: address.firstName,
    lastName: address.lastName,
  };
  const jar = cookieStoreJar(await cookies());
  return respond(() =>
    pay(jar, undefined, shown, async (cart) => {
      const ip = clientIp(requestHeaders, getEnv().trustedIpHeader);
      if (ip) await consume("guestPaymentsPerIp", ip, ip);
      await consume("guestPayments", "all");
      return newCardAttempt(cart, { card, payer, address, signedIn: false, createAccount, save: false });
    }),
  );
}

/** "Check my payment": resends the unanswered payment as it was, and Bolt replies with the first result. */
export async function checkPendingPayment(): Promise<CheckoutState> {
  const jar = cookieStoreJar(await cookies());
  return respond(async () => {
    const outcome = await resumeAttempt(paymentDeps(jar, undefined));
    if (outcome.kind !== "none") return finish(jar, outcome);
    refresh();
    return { status: "idle" };
  });
}

export async function signOutRefusedSession(): Promise<void> {
  await endRefusedSession(cookieStoreJar(await cookies()));
}

type Placed = { status: "placed"; orderId: string };

async function pay(
  jar: CookieJar,
  token: string | undefined,
  shown: Shown,
  start: (cart: Cart) => Promise<Attempt>,
): Promise<CheckoutState | Placed> {
  const cart = await getCart();
  return finish(jar, await placeOrder({ cart, shown, start: () => start(cart) }, paymentDeps(jar, token)));
}

function paymentDeps(jar: CookieJar, token: string | undefined): PaymentDeps {
  return {
    attempts: checkoutAttempts(checkoutId(jar)),
    // The payment's own budget, and the account reads (and refresh) around it.
    lockMs: getEnv().boltPaymentTimeoutMs + 3 * getEnv().boltTimeoutMs + 2_000,
    send: (attempt) => {
      if (!attempt.signedIn) return authorizeAttempt(attempt, undefined);
      if (token) return authorizeAttempt(attempt, token);
      return withAccessToken(jar, "view", (fresh) => authorizeAttempt(attempt, fresh));
    },
  };
}

async function finish(jar: CookieJar, outcome: PaymentOutcome): Promise<CheckoutState | Placed> {
  if (outcome.kind === "placed") {
    const { attempt, authorization } = outcome;
    await saveReceipt(jar, receiptOf(attempt, authorization));
    if (attempt.fingerprint === cartFingerprint(await getCart())) clearCart(jar);
    return { status: "placed", orderId: authorization.orderId };
  }
  // The page shows the cart as it is now (and any kept attempt).
  if (outcome.kind === "cart-changed" || outcome.kind === "unconfirmed") refresh();
  if (outcome.kind === "cart-changed") return { status: "cart-changed", message: outcomeMessage(outcome) };
  return errorState(outcomeMessage(outcome));
}

/** A client that never loaded /checkout gets one now. */
function checkoutId(jar: CookieJar): string {
  const env = getEnv();
  const current = jar.read(checkoutCookieName(env));
  if (isCheckoutId(current)) return current;
  const id = newCheckoutId();
  jar.write(checkoutCookieName(env), id, checkoutCookieOptions(!env.sessionCookieInsecure));
  return id;
}

async function respond(run: () => Promise<CheckoutState | Placed>): Promise<CheckoutState> {
  let result: CheckoutState | Placed;
  try {
    result = await run();
  } catch (failure) {
    return failureState(failure);
  }
  if (result.status !== "placed") return result;
  redirect(`/orders/${encodeURIComponent(result.orderId)}`);
}
