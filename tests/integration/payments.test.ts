import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EmulatorAnswerError, TEST_CARD_NUMBERS, type FieldToken, type TestCardEntry } from "bolt-emulator/test-client";
import type { DatabaseHandle } from "@/lib/db/client";
import { bolt, EMULATOR } from "./helpers";

// The money path straight against the running emulator, without a browser: lib/checkout decides,
// lib/bolt calls Bolt over HTTP, and the orders are kept in a ledger of its own (PGlite in memory),
// as the place-order actions do. Each test pays as a guest with an email of its own; each ends with
// at most one transaction at Bolt for its order.

const TIMEOUT_MS = 1000;
/** Bolt answered, so the shopper gets the end of its trace id to quote. */
const BOLT_SUPPORT_CODE = expect.stringMatching(/^[0-9A-F]{8}$/);

beforeAll(() => {
  vi.stubEnv("BOLT_API_URL", EMULATOR);
  vi.stubEnv("BOLT_CONNECT_URL", EMULATOR);
  vi.stubEnv("STOREFRONT_TUNING", JSON.stringify({ boltTimeoutMs: TIMEOUT_MS, boltPaymentTimeoutMs: TIMEOUT_MS }));
});

// Imported after the environment is set: lib/env reads it once.
const { authorizeNewCard, getTransaction } = await import("@/lib/bolt");
const { openDatabase } = await import("@/lib/db/client");
const { migrateDatabase } = await import("@/lib/db/migrate");
const { hashCheckoutId, latestCheckoutOrder, orderTimeline } = await import("@/lib/ledger");
const { reconcileOnce } = await import("@/lib/ledger/reconciler");
const { keepUnwrittenAnswer } = await import("@/lib/ledger/unwritten");
const { openAttempt, sealAttempt } = await import("@/lib/checkout/attempt");
const { newCardAttempt } = await import("@/lib/checkout/new-attempt");
const { paymentLedger } = await import("@/lib/checkout/payment-ledger");
const { placeOrder, shownCart } = await import("@/lib/checkout/place-order");
const { reconcilerDeps } = await import("@/lib/checkout/reconcile");
const { demoCart } = await import("@/lib/checkout/testing/guest");
const { priceCart } = await import("@/lib/cart/pricing");
const { demoProducts } = await import("@/lib/catalog/demo-products");

type Cart = ReturnType<typeof demoCart>;
type PaymentDeps = Parameters<typeof placeOrder>[1];

let handle: DatabaseHandle;
let deps: PaymentDeps;
beforeAll(async () => {
  handle = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
  deps = {
    ledger: paymentLedger(handle.db),
    lockMs: 2 * TIMEOUT_MS + 2_000,
    firstCheckDelayMs: 0,
    seal: sealAttempt,
    open: openAttempt,
    send: async (attempt) => {
      if (attempt.payment.kind !== "new-card") throw new Error("guests pay with new cards only");
      return authorizeNewCard(undefined, attempt.payment.input);
    },
    keepUnwritten: keepUnwrittenAnswer,
  };
});
afterAll(() => handle?.close());

const mug = demoCart([{ id: "lh-mug", quantity: 1 }]);
const ADDRESS = {
  firstName: "Ivy",
  lastName: "Integration",
  street1: "1 Test Way",
  locality: "Austin",
  region: "TX",
  postalCode: "78701",
  countryCode: "US",
};

/** A browser's checkout: its cookie, and the guest typing `email` there. */
const guestCheckout = (email: string, checkoutId = randomUUID()) => ({
  checkoutIdHash: hashCheckoutId(checkoutId),
  shopper: { guestEmail: email },
});
type GuestCheckout = ReturnType<typeof guestCheckout>;

/** One click of "Place order", with a card the payment field tokenizes for this click. */
async function click(
  checkout: GuestCheckout,
  options: { card?: TestCardEntry; token?: FieldToken; cart?: Cart; shown?: Cart } = {},
) {
  const { cart = mug, shown = cart } = options;
  const token = options.token ?? (await bolt.tokenizeCard(options.card ?? {}));
  const email = checkout.shopper.guestEmail;
  return placeOrder(
    {
      checkout,
      cart,
      shown: shownCart(shown),
      start: async (orderId) =>
        newCardAttempt(orderId, cart, {
          card: { ...token, network: "visa", postalCode: token.postal_code },
          payer: { email, phone: "+15125550100", firstName: ADDRESS.firstName, lastName: ADDRESS.lastName },
          address: ADDRESS,
          signedIn: false,
          createAccount: false,
          save: false,
        }),
    },
    deps,
  );
}

const guestEmail = () => `ivy-${randomUUID().slice(0, 8)}@example.test`;
const authorizeCalls = (email: string) => bolt.requests({ email, path: "/v1/merchant/transactions/authorize" });
const latest = (checkout: GuestCheckout) => latestCheckoutOrder(handle.db, checkout);

/** Bolt answers after the storefront stopped waiting, and charges: the click can't know. */
async function timedOut(checkout: GuestCheckout) {
  const slow = await bolt.addFault({
    path: "/v1/merchant/transactions/authorize",
    email: checkout.shopper.guestEmail,
    latencyMs: TIMEOUT_MS + 500,
    times: 1,
  });
  try {
    expect(await click(checkout)).toMatchObject({ kind: "unconfirmed" });
  } finally {
    await slow.remove();
  }
  await expect.poll(async () => (await bolt.orders(checkout.shopper.guestEmail)).length, { timeout: 5000 }).toBe(1);
}

/** The one transaction Bolt holds for this guest, and that it is the ledger's order. */
async function expectOneTransaction(checkout: GuestCheckout) {
  const transactions = await bolt.orders(checkout.shopper.guestEmail);
  const order = await latest(checkout);
  expect(transactions.map((transaction) => transaction.orderReference)).toEqual([order?.id]);
  expect(order?.status).toBe("authorized");
  return order!;
}

describe("placing a guest order against Bolt", () => {
  it("pays once, under the order's id; another order with the same, spent token charges nothing", async () => {
    const checkout = guestCheckout(guestEmail());
    const token = await bolt.tokenizeCard();
    const outcome = await click(checkout, { token });
    expect(outcome).toMatchObject({ kind: "placed", order: { recorded: true, guestKey: expect.any(String) } });
    const order = await expectOneTransaction(checkout);
    expect(order.boltReference).toBe((await bolt.orders(checkout.shopper.guestEmail))[0]?.transactionReference);

    // Another checkout, so another order, with the token the first one spent: refused, nothing charged.
    const another = guestCheckout(checkout.shopper.guestEmail);
    expect(await click(another, { token })).toEqual({
      kind: "refused",
      reason: "card_token",
      supportCode: BOLT_SUPPORT_CODE,
    });
    expect((await latest(another))?.status).toBe("declined");
    expect(await bolt.orders(checkout.shopper.guestEmail)).toHaveLength(1);
  });

  it("refuses a declining card and a failed CVV check, charging nothing", async () => {
    const email = guestEmail();
    expect(await click(guestCheckout(email), { card: { number: TEST_CARD_NUMBERS.declines } })).toEqual({
      kind: "refused",
      reason: "declined",
      supportCode: BOLT_SUPPORT_CODE,
    });
    expect(await click(guestCheckout(email), { card: { number: TEST_CARD_NUMBERS.failsCvvCheck } })).toEqual({
      kind: "refused",
      reason: "security_code",
      supportCode: BOLT_SUPPORT_CODE,
    });
    expect(await bolt.orders(email)).toHaveLength(0);
  });

  it("refuses an expired card", async () => {
    // A token made without the field (Bolt's testing endpoint) carries no expiry of its own.
    const checkout = guestCheckout(guestEmail());
    const { token, last4, bin } = await bolt.cardToken();
    const expired = { token, last4, bin, expiration: "2020-01", postal_code: "78701", network: "visa" };
    expect(await click(checkout, { token: expired as FieldToken })).toEqual({
      kind: "refused",
      reason: "card_expired",
      supportCode: BOLT_SUPPORT_CODE,
    });
    expect(await bolt.orders(checkout.shopper.guestEmail)).toHaveLength(0);
  });

  it("never lets a card failing the Luhn check become a token", async () => {
    const refused = await bolt.tokenizeCard({ number: "4111111111111005" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmulatorAnswerError);
    expect((refused as EmulatorAnswerError).status).toBe(422);
  });

  it("sends nothing to Bolt, and writes no order, when the cart is not the one the page showed", async () => {
    const checkout = guestCheckout(guestEmail());
    const changed = demoCart([{ id: "lh-mug", quantity: 2 }]);
    expect(await click(checkout, { cart: changed, shown: mug })).toMatchObject({ kind: "cart-changed" });
    expect(await authorizeCalls(checkout.shopper.guestEmail)).toEqual([]);
    await expect(latest(checkout)).resolves.toBeNull();
  });

  it(`pays for a cart of 51 lines, more than the old receipt held, and records it`, async () => {
    const products = Array.from({ length: 51 }, (_, i) => ({
      ...demoProducts[i % demoProducts.length]!,
      id: `p-${i}`,
    }));
    const big = priceCart(
      products.map((product) => ({ id: product.id, quantity: 1 })),
      products,
    );
    const checkout = guestCheckout(guestEmail());
    expect(await click(checkout, { cart: big })).toMatchObject({ kind: "placed", order: { recorded: true } });
    const order = await expectOneTransaction(checkout);
    expect(order.lines).toHaveLength(51);
    expect((await bolt.orders(checkout.shopper.guestEmail))[0]?.amount).toBe(big.total);
  });
});

describe("a payment whose answer did not come back", () => {
  it("after a timeout, the next click sends the same request again: one order, one transaction", async () => {
    const checkout = guestCheckout(guestEmail());
    await timedOut(checkout);
    const outcome = await click(checkout);
    expect(outcome.kind).toBe("placed");
    await expectOneTransaction(checkout);
    // The resend got Bolt's first answer again (the timed-out send is not in the log: its client left).
    expect((await authorizeCalls(checkout.shopper.guestEmail)).map((call) => call.status)).toContain(200);
  });

  // Bolt answers 409 to a key whose first request is still running. The emulator answers a resend
  // with the first result; a fault rule stands in for the 409 here.
  it("a 409 to the resend leaves the order open; the next click gets Bolt's first answer: one transaction", async () => {
    const checkout = guestCheckout(guestEmail());
    await timedOut(checkout);
    const conflict = await bolt.addFault({
      path: "/v1/merchant/transactions/authorize",
      email: checkout.shopper.guestEmail,
      status: 409,
      times: 1,
    });
    try {
      expect(await click(checkout)).toMatchObject({ kind: "unconfirmed" });
    } finally {
      await conflict.remove();
    }
    expect((await latest(checkout))?.status).toBe("unconfirmed");
    expect((await click(checkout)).kind).toBe("placed");
    await expectOneTransaction(checkout);
  });

  // A spent card token answered to a resend (the first send spent it): the emulator replays the first
  // answer to the same key before it looks at the token, so a fault rule stands in for Bolt's 422.
  it("a 4xx such as a spent token to the resend is no refusal; the order is paid once", async () => {
    const checkout = guestCheckout(guestEmail());
    await timedOut(checkout);
    const spent = await bolt.addFault({
      path: "/v1/merchant/transactions/authorize",
      email: checkout.shopper.guestEmail,
      status: 422,
      times: 1,
    });
    try {
      expect(await click(checkout)).toMatchObject({ kind: "unconfirmed" });
    } finally {
      await spent.remove();
    }
    expect((await click(checkout)).kind).toBe("placed");
    await expectOneTransaction(checkout);
  });

  it("an answer lost on its way to the browser: the next click shows the same order and charges nothing", async () => {
    const checkout = guestCheckout(guestEmail());
    const first = await click(checkout);
    // The browser never hears of it: its cart and checkout stay as they were.
    const again = await click(checkout);
    expect(again).toMatchObject({ kind: "placed", order: { id: (first as { order: { id: string } }).order.id } });
    expect(await authorizeCalls(checkout.shopper.guestEmail)).toHaveLength(1);
    await expectOneTransaction(checkout);
  });

  it("two guests on one browser: the second pays for their own order; the first's is never sent with theirs", async () => {
    const checkoutId = randomUUID();
    const first = guestCheckout(guestEmail(), checkoutId);
    await timedOut(first);
    const second = guestCheckout(guestEmail(), checkoutId);
    expect((await click(second)).kind).toBe("placed");
    await expectOneTransaction(second);
    // The first guest's one transaction is their own order's, charged by their own send.
    const firsts = await latest(first);
    expect(firsts?.status).toBe("unconfirmed");
    expect((await bolt.orders(first.shopper.guestEmail)).map((transaction) => transaction.orderReference)).toEqual([
      firsts?.id,
    ]);
  });

  it("the reconciler resends a guest's lost payment with the API key: the order becomes authorized by itself", async () => {
    const checkout = guestCheckout(guestEmail());
    await timedOut(checkout);
    const order = await latest(checkout);
    await reconcileOnce(
      reconcilerDeps(handle.db, { boltTimeoutMs: TIMEOUT_MS, boltPaymentTimeoutMs: TIMEOUT_MS }),
      new Date(Date.now() + 60 * 60_000),
    );
    await expectOneTransaction(checkout);
    const events = await orderTimeline(handle.db, order!.id);
    expect(events.map((event) => [event.type, event.source])).toEqual(
      expect.arrayContaining([
        ["resent", "reconciler"],
        ["authorized", "bolt"],
      ]),
    );
  });

  it("reads back the transaction Bolt holds for a paid order, captured at once by default", async () => {
    const checkout = guestCheckout(guestEmail());
    await click(checkout);
    const order = await latest(checkout);
    await expect(getTransaction(order!.boltReference!)).resolves.toMatchObject({
      reference: order!.boltReference,
      state: "completed",
      authorizedCents: mug.total,
      capturedCents: mug.total,
    });
  });
});
