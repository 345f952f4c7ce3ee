import "server-only";
import { refresh } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { RefreshPendingError, SignedOutError, StepUpRequiredError, withAccessToken } from "@/lib/auth";
import {
  addPaymentMethod,
  authorizeNewCard,
  authorizeSavedCard,
  BoltError,
  getAccount,
  type Account,
  type Authorization,
  type Payer,
} from "@/lib/bolt";
import { clearCart, getCart } from "@/lib/cart";
import { getEnv } from "@/lib/env";
import { receiptOf, saveReceipt } from "@/lib/checkout/receipt";
import { clientIp, consume, RateLimitedError } from "@/lib/rate-limit";
import { KvUnavailableError } from "@/lib/kv";
import { checkoutAttempts, type Attempt } from "./attempt";
import { checkoutCookieName, checkoutCookieOptions, isCheckoutId, newCheckoutId } from "./checkout-id";
import { cartFingerprint } from "./fingerprint";
import { MESSAGES, outcomeMessage, rateLimitedMessage } from "./messages";
import { newCardAttempt, savedCardAttempt } from "./new-attempt";
import { readCardToken, readGuestDetails, readId, readShown, type GuestField } from "./payment-form";
import { placeOrder, resumeAttempt, type OrderRequest, type PaymentDeps, type PaymentOutcome } from "./place-order";

/** What a place-order action answers the page with; a placed order redirects instead. */
export type CheckoutState =
  | { status: "idle" }
  | { status: "error"; message: string; fields?: Partial<Record<GuestField, string>> }
  /** Nothing was charged: the page shows the new cart, and the shopper confirms again. */
  | { status: "cart-changed"; message: string }
  /** Saving a card needs Bolt's manage scope: the shopper verifies in Bolt's modal, then it goes again. */
  | { status: "step-up" };

/** A choice the shopper made that no longer holds (an address or card gone from their account). */
class StaleChoiceError extends Error {
  override name = "StaleChoiceError";
}

/** Bolt refused to save the new card: nothing was paid. */
class CardNotSavedError extends Error {
  override name = "CardNotSavedError";
}

/** Pay with a card saved in the shopper's Bolt wallet. */
export async function placeSavedCardOrder(form: FormData): Promise<CheckoutState> {
  const shown = readShown(form);
  const addressId = readId(form, "addressId");
  const cardId = readId(form, "cardId");
  if (!shown || !addressId || !cardId) return error(MESSAGES.missingChoice);
  return respond(() =>
    withAccessToken("view", async (token, session) =>
      pay(token, shown, async (cart) => {
        await consume("placeOrderPerSession", session.sid);
        const account = await getAccount(token);
        const address = account.addresses.find((candidate) => candidate.id === addressId);
        const card = account.cards.find((candidate) => candidate.id === cardId);
        if (!address) throw new StaleChoiceError(MESSAGES.addressGone);
        if (!card) throw new StaleChoiceError(MESSAGES.cardGone);
        if (card.isExpired) throw new StaleChoiceError(MESSAGES.savedCardExpired);
        return savedCardAttempt(cart, payerOf(account, address.phone), address, card);
      }),
    ),
  );
}

/**
 * Pay with a card just typed into Bolt's payment field, signed in. "Save this card to Bolt" adds it
 * to the wallet first (Bolt's manage scope: a view-only session verifies again) and pays with the
 * saved card; otherwise the token pays once and Bolt keeps nothing.
 */
export async function placeNewCardOrder(form: FormData): Promise<CheckoutState> {
  const shown = readShown(form);
  const addressId = readId(form, "addressId");
  const card = readCardToken(form);
  if (!shown || !addressId) return error(MESSAGES.missingChoice);
  if (!card) return error(MESSAGES.cardNotTokenized);
  const save = form.get("save") === "on";
  return respond(() =>
    withAccessToken(save ? "manage" : "view", async (token, session) =>
      pay(token, shown, async (cart) => {
        await consume("placeOrderPerSession", session.sid);
        const account = await getAccount(token);
        const address = account.addresses.find((candidate) => candidate.id === addressId);
        if (!address) throw new StaleChoiceError(MESSAGES.addressGone);
        const payer = payerOf(account, address.phone);
        if (!save) return newCardAttempt(cart, { card, payer, address, signedIn: true, createAccount: false, save });
        const saved = await addPaymentMethod(token, { card, billingAddress: address, email: payer.email }).catch(
          (failure: unknown) => {
            // Bolt's 4xx (a spent token, a refused card) is the shopper's to fix; anything else is not.
            if (failure instanceof BoltError && failure.status >= 400 && failure.status < 500 && !isAuth(failure))
              throw new CardNotSavedError(failure.message);
            throw failure;
          },
        );
        return savedCardAttempt(cart, payer, address, saved);
      }),
    ),
  );
}

/**
 * Pay as a guest with a card from Bolt's payment field, with the API key alone. With the shopper's
 * consent (Bolt's account checkbox) Bolt makes them an account from this order. Guest payments are
 * rate-limited per client and overall, so the form cannot be used to try out stolen cards.
 */
export async function placeGuestOrder(form: FormData): Promise<CheckoutState> {
  const shown = readShown(form);
  const read = readGuestDetails(form);
  if (!shown) return error(MESSAGES.missingChoice);
  if (!read.ok) return { status: "error", message: read.message, fields: read.fields };
  const card = readCardToken(form);
  if (!card) return error(MESSAGES.cardNotTokenized);
  const { email, address, mobile, createAccount } = read.details;
  const payer: Payer = {
    email,
    phone: mobile ?? address.phone,
    firstName: address.firstName,
    lastName: address.lastName,
  };
  return respond(() =>
    pay(undefined, shown, async (cart) => {
      const ip = clientIp(await headers(), getEnv().trustedIpHeader);
      if (ip) await consume("guestPaymentsPerIp", ip, ip);
      await consume("guestPayments", "all");
      return newCardAttempt(cart, { card, payer, address, signedIn: false, createAccount, save: false });
    }),
  );
}

/** The "check my payment" button: sends the kept attempt again, and nothing else. */
export async function resumePayment(): Promise<CheckoutState> {
  return respond(async () => {
    const outcome = await resumeAttempt(await paymentDeps(undefined));
    if (outcome.kind === "none") {
      refresh();
      return { status: "idle" };
    }
    return finish(outcome);
  });
}

/** Runs one flow: resolves an earlier attempt, checks the cart against what was shown, pays. */
async function pay(
  token: string | undefined,
  shown: OrderRequest["shown"],
  start: (cart: Awaited<ReturnType<typeof getCart>>) => Promise<Attempt>,
): Promise<CheckoutState | Placed> {
  const cart = await getCart();
  return finish(await placeOrder({ cart, shown, start: () => start(cart) }, await paymentDeps(token)));
}

/** The checkout's kept attempts, and how to send one: with the bearer if it was made signed in. */
async function paymentDeps(token: string | undefined): Promise<PaymentDeps> {
  const { boltTimeoutMs } = getEnv();
  // Long enough for the Bolt calls one click makes (the account, saving a card, the payment).
  return {
    attempts: checkoutAttempts(await checkoutId()),
    lockMs: 4 * boltTimeoutMs + 2_000,
    send: (attempt) => send(attempt, token),
  };
}

function send(attempt: Attempt, token: string | undefined): Promise<Authorization> {
  if (!attempt.signedIn) return authorizeOf(attempt, undefined);
  if (token) return authorizeOf(attempt, token);
  return withAccessToken("view", (fresh) => authorizeOf(attempt, fresh));
}

function authorizeOf(attempt: Attempt, token: string | undefined): Promise<Authorization> {
  const { payment } = attempt;
  if (payment.kind === "new-card") return authorizeNewCard(token, payment.input);
  if (!token) throw new SignedOutError("a saved card is paid signed in");
  return authorizeSavedCard(token, payment.input);
}

type Placed = { status: "placed"; orderId: string };

/** A paid order leaves a receipt and, if it is the cart on screen, an empty cart. */
async function finish(outcome: PaymentOutcome): Promise<CheckoutState | Placed> {
  if (outcome.kind === "placed") {
    const { attempt, authorization } = outcome;
    await saveReceipt(receiptOf(attempt, authorization));
    if (attempt.fingerprint === cartFingerprint(await getCart())) await clearCart();
    return { status: "placed", orderId: authorization.orderId };
  }
  // The page shows the cart as it is now (and any kept attempt).
  if (outcome.kind === "cart-changed" || outcome.kind === "unconfirmed") refresh();
  if (outcome.kind === "cart-changed") return { status: "cart-changed", message: outcomeMessage(outcome) };
  return error(outcomeMessage(outcome));
}

/** This browser's checkout id; a client that never loaded /checkout gets one now. */
async function checkoutId(): Promise<string> {
  const jar = await cookies();
  const env = getEnv();
  const current = jar.get(checkoutCookieName(env))?.value;
  if (isCheckoutId(current)) return current;
  const id = newCheckoutId();
  jar.set(checkoutCookieName(env), id, checkoutCookieOptions(!env.sessionCookieInsecure));
  return id;
}

function payerOf(account: Account, fallbackPhone: string | undefined): Payer {
  const { profile } = account;
  return {
    email: profile.email,
    phone: profile.phone ?? fallbackPhone,
    firstName: profile.firstName,
    lastName: profile.lastName,
  };
}

function isAuth(failure: BoltError): boolean {
  return failure.status === 401 || failure.status === 403;
}

function error(message: string): CheckoutState {
  return { status: "error", message };
}

/** Turns what went wrong into what the shopper reads; an order placed redirects to its confirmation. */
async function respond(run: () => Promise<CheckoutState | Placed>): Promise<CheckoutState> {
  let result: CheckoutState | Placed;
  try {
    result = await run();
  } catch (failure) {
    return failed(failure);
  }
  if (result.status !== "placed") return result;
  redirect(`/orders/${encodeURIComponent(result.orderId)}`);
}

function failed(failure: unknown): CheckoutState {
  if (failure instanceof StepUpRequiredError) return { status: "step-up" };
  if (failure instanceof SignedOutError) return error(MESSAGES.signedOut);
  if (failure instanceof RateLimitedError) return error(rateLimitedMessage(failure.retryAfterSeconds));
  if (failure instanceof RefreshPendingError) return error(MESSAGES.unconfirmedSignIn);
  if (failure instanceof KvUnavailableError) return error(MESSAGES.kvDown);
  if (failure instanceof StaleChoiceError) return error(failure.message);
  if (failure instanceof CardNotSavedError) return error(MESSAGES.cardNotSaved);
  // Before any payment was sent (reading the account, saving the card): nothing was charged.
  if (failure instanceof BoltError) {
    console.warn(`[checkout] ${failure.message}`);
    return error(MESSAGES.boltDown);
  }
  throw failure;
}
