"use server";

import { refresh } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Payer } from "@/lib/bolt";
import { clearCart, getCart, type Cart } from "@/lib/cart";
import { authorizeAttempt, openAttempt, sealAttempt, type Attempt } from "@/lib/checkout/attempt";
import { ensureCheckoutId, rotateCheckoutId } from "@/lib/checkout/checkout-id";
import { NEW_CARD } from "@/lib/checkout/choices";
import { cartFingerprint } from "@/lib/checkout/fingerprint";
import { errorState, failureState, MESSAGES, outcomeMessage, type CheckoutState } from "@/lib/checkout/messages";
import { newCardAttempt, newCardOrder, savedCardOrder } from "@/lib/checkout/new-attempt";
import { grantOrderAccess } from "@/lib/checkout/order-access";
import { readCardToken, readGuestDetails, readId, readShown } from "@/lib/checkout/payment-form";
import { paymentLedger } from "@/lib/checkout/payment-ledger";
import {
  placeOrder,
  resumeOrder,
  type Checkout,
  type PaymentDeps,
  type PaymentOutcome,
  type Shown,
} from "@/lib/checkout/place-order";
import { getDatabase } from "@/lib/db";
import { actionFromOwnPage } from "@/lib/auth/request-checks";
import { getEnv } from "@/lib/env";
import { setResponseHeader } from "@/lib/http/response-header";
import { ServerTiming } from "@/lib/http/server-timing";
import { hashCheckoutId, type Shopper } from "@/lib/ledger";
import { keepUnwrittenAnswer } from "@/lib/ledger/unwritten";
import { clientIp, consume } from "@/lib/rate-limit";
import { cookieStoreJar, type CookieJar } from "@/lib/session/cookie";
import { endRefusedSession, withAccessToken } from "@/lib/session/upkeep";
import { log } from "@/lib/log/logger";

// Next's side of paying (form, cookies, redirect, refresh); what to charge is decided in lib/checkout.

export async function paySignedIn(_previous: CheckoutState, form: FormData): Promise<CheckoutState> {
  const shown = readShown(form);
  const addressId = readId(form, "addressId");
  if (!shown || !addressId) return errorState(MESSAGES.missingChoice);
  const jar = cookieStoreJar(await cookies());
  const timing = new ServerTiming();
  if (form.get("cardId") !== NEW_CARD) {
    const cardId = readId(form, "cardId");
    if (!cardId) return errorState(MESSAGES.missingChoice);
    return respond(timing, () =>
      withAccessToken(jar, "view", (token, session) =>
        pay(jar, { token, shopper: { sub: session.sub }, timing }, shown, async (cart, orderId) => {
          await consume("placeOrderPerSession", session.sub);
          return timing.bolt(() => savedCardOrder(token, orderId, cart, { addressId, cardId }));
        }),
      ),
    );
  }
  const card = readCardToken(form);
  if (!card) return errorState(MESSAGES.cardNotTokenized);
  const save = form.get("save") === "on";
  return respond(timing, () =>
    withAccessToken(jar, save ? "manage" : "view", (token, session) =>
      pay(jar, { token, shopper: { sub: session.sub }, timing }, shown, async (cart, orderId) => {
        await consume("placeOrderPerSession", session.sub);
        return timing.bolt(() => newCardOrder(token, orderId, cart, { addressId, card, save }));
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
  const timing = new ServerTiming();
  return respond(timing, () =>
    pay(jar, { shopper: { guestEmail: email }, timing }, shown, async (cart, orderId) => {
      const ip = clientIp(requestHeaders, getEnv().trustedIpHeader);
      if (ip) await consume("guestPaymentsPerIp", ip, ip);
      await consume("guestPayments", "all");
      return newCardAttempt(orderId, cart, { card, payer, address, signedIn: false, createAccount, save: false });
    }),
  );
}

/** "Check my payment", which the checkout also runs by itself on load. */
export async function checkPendingPayment(): Promise<CheckoutState> {
  const jar = cookieStoreJar(await cookies());
  const timing = new ServerTiming();
  return respond(timing, () =>
    withAccessToken(jar, "view", async (token, session) => {
      const checkout = checkoutOf(jar, { sub: session.sub });
      const outcome = await resumeOrder(checkout, await paymentDeps(token, timing));
      if (outcome.kind !== "none") return finish(jar, outcome);
      refresh();
      return { status: "idle" };
    }),
  );
}

export async function signOutRefusedSession(): Promise<void> {
  await endRefusedSession(cookieStoreJar(await cookies()));
}

type Placed = { status: "placed"; orderId: string };
type PayingAs = { token?: string; shopper: Shopper; timing: ServerTiming };

async function pay(
  jar: CookieJar,
  who: PayingAs,
  shown: Shown,
  start: (cart: Cart, orderId: string) => Promise<Attempt>,
): Promise<CheckoutState | Placed> {
  const cart = await getCart();
  const checkout = checkoutOf(jar, who.shopper);
  const deps = await paymentDeps(who.token, who.timing);
  return finish(jar, await placeOrder({ checkout, cart, shown, start: (orderId) => start(cart, orderId) }, deps));
}

function checkoutOf(jar: CookieJar, shopper: Shopper): Checkout {
  return { checkoutIdHash: hashCheckoutId(ensureCheckoutId(jar)), shopper };
}

/** The ledger first: if the database can't be opened, nothing is sent. */
async function paymentDeps(token: string | undefined, timing: ServerTiming): Promise<PaymentDeps> {
  const env = getEnv();
  return {
    ledger: paymentLedger(await getDatabase()),
    // One authorize, on the payments' own budget, with room to spare: a lock must never expire while
    // its send may still be answered.
    lockMs: env.boltPaymentTimeoutMs + env.boltTimeoutMs + 2_000,
    firstCheckDelayMs: env.firstCheckDelayMs,
    seal: sealAttempt,
    open: openAttempt,
    send: (attempt) => timing.bolt(() => authorizeAttempt(attempt, attempt.signedIn ? token : undefined)),
    keepUnwritten: keepUnwrittenAnswer,
  };
}

/**
 * After a placed order the rest is best effort and never undoes it; a new checkout starts only once
 * the ledger has the order (if it could not, this checkout finds the order again).
 */
async function finish(jar: CookieJar, outcome: PaymentOutcome): Promise<CheckoutState | Placed> {
  if ((outcome.kind === "placed" || outcome.kind === "unconfirmed") && outcome.order.guestKey) {
    const { id: orderId, guestKey } = outcome.order;
    await grantOrderAccess(jar, { orderId, guestKey }).catch(warnAfterPlacing);
  }
  if (outcome.kind === "placed") {
    const { order } = outcome;
    await getCart()
      .then((cart) => {
        if (cartFingerprint(cart) === order.fingerprint) clearCart(jar);
      })
      .catch(warnAfterPlacing);
    if (order.recorded) rotateCheckoutId(jar);
    return { status: "placed", orderId: order.id };
  }
  // The page shows the cart as it is now (and any open order).
  if (outcome.kind === "cart-changed" || outcome.kind === "unconfirmed") refresh();
  if (outcome.kind === "cart-changed") return { status: "cart-changed", message: outcomeMessage(outcome) };
  if (outcome.kind === "unconfirmed") return { status: "error", message: outcomeMessage(outcome), unconfirmed: true };
  return errorState(outcomeMessage(outcome));
}

function warnAfterPlacing(error: unknown): void {
  log.warn("checkout: after placing the order", { error: error instanceof Error ? error.name : "unknown error" });
}

/** Server-Timing splits the storefront's own time from its wait on Bolt, for DevTools and the bench. */
async function respond(timing: ServerTiming, run: () => Promise<CheckoutState | Placed>): Promise<CheckoutState> {
  let result: CheckoutState | Placed;
  try {
    result = await run();
  } catch (failure) {
    result = failureState(failure);
  }
  setResponseHeader("Server-Timing", timing.header()["Server-Timing"]);
  if (result.status !== "placed") return result;
  redirect(`/orders/${encodeURIComponent(result.orderId)}`);
}
