import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { EmulatorAnswerError, TEST_CARD_NUMBERS, type TestCardEntry } from "bolt-emulator/test-client";
import { bolt, EMULATOR } from "./helpers";

// The money path straight against the running emulator, without a browser: lib/checkout decides,
// lib/bolt calls Bolt over HTTP, and the attempts are kept in the shared store (in memory here), as
// the place-order actions do. Each test pays as a guest with an email of its own.

const TIMEOUT_MS = 1000;

beforeAll(() => {
  vi.stubEnv("BOLT_API_URL", EMULATOR);
  vi.stubEnv("BOLT_CONNECT_URL", EMULATOR);
  vi.stubEnv("STOREFRONT_TUNING", JSON.stringify({ boltTimeoutMs: TIMEOUT_MS, boltPaymentTimeoutMs: TIMEOUT_MS }));
});

// Imported after the environment is set: lib/env reads it once.
const { checkoutAttempts } = await import("@/lib/checkout/attempt");
const { authorizeNewCard } = await import("@/lib/bolt");
const { demoCart } = await import("@/lib/checkout/testing/guest");
const { newCardAttempt } = await import("@/lib/checkout/new-attempt");
const { shownCart } = await import("@/lib/checkout/place-order");
const { placeOrder } = await import("@/lib/checkout/place-order");

const cart = demoCart([{ id: "lh-tote", quantity: 1 }]);

/** Bolt answered, so the shopper gets the end of its trace id to quote. */
const BOLT_SUPPORT_CODE = expect.stringMatching(/^[0-9A-F]{8}$/);

async function guestClick(email: string, card: TestCardEntry = {}, checkout = randomUUID()) {
  const token = await bolt.tokenizeCard(card);
  const attempt = newCardAttempt(cart, {
    card: { ...token, network: "visa", postalCode: token.postal_code },
    payer: { email, phone: "+15125550100", firstName: "Ivy", lastName: "Integration" },
    address: {
      firstName: "Ivy",
      lastName: "Integration",
      street1: "1 Test Way",
      locality: "Austin",
      region: "TX",
      postalCode: "78701",
      countryCode: "US",
    },
    signedIn: false,
    createAccount: false,
    save: false,
  });
  return { attempt, checkout };
}

function pay(checkout: string, start: () => Promise<Awaited<ReturnType<typeof guestClick>>["attempt"]>, which = cart) {
  return placeOrder(
    { cart: which, shown: shownCart(cart), start },
    {
      attempts: checkoutAttempts(checkout),
      lockMs: 4 * TIMEOUT_MS,
      send: async (attempt) => {
        if (attempt.payment.kind !== "new-card") throw new Error("guests pay with new cards only");
        return authorizeNewCard(undefined, attempt.payment.input);
      },
    },
  );
}

const guestEmail = () => `ivy-${randomUUID().slice(0, 8)}@example.test`;
const authorizeCalls = (email: string) => bolt.requests({ email, path: "/v1/merchant/transactions/authorize" });

describe("placing a guest order against Bolt", () => {
  it("pays once, and a second payment with the same, spent token charges nothing", async () => {
    const email = guestEmail();
    const first = await guestClick(email);
    expect(await pay(first.checkout, async () => first.attempt)).toMatchObject({ kind: "placed" });
    // Another attempt (its own Idempotency-Key) with the token the first one spent.
    const again = structuredClone(first.attempt);
    again.payment.input.idempotencyKey = randomUUID();
    expect(await pay(randomUUID(), async () => again)).toEqual({
      kind: "refused",
      reason: "card_token",
      supportCode: BOLT_SUPPORT_CODE,
    });
    expect(await bolt.orders(email)).toHaveLength(1);
  });

  it("refuses a declining card and a failed CVV check, charging nothing", async () => {
    const email = guestEmail();
    const declined = await guestClick(email, { number: TEST_CARD_NUMBERS.declines });
    expect(await pay(declined.checkout, async () => declined.attempt)).toEqual({
      kind: "refused",
      reason: "declined",
      supportCode: BOLT_SUPPORT_CODE,
    });
    const cvv = await guestClick(email, { number: TEST_CARD_NUMBERS.failsCvvCheck });
    expect(await pay(cvv.checkout, async () => cvv.attempt)).toEqual({
      kind: "refused",
      reason: "security_code",
      supportCode: BOLT_SUPPORT_CODE,
    });
    expect(await bolt.orders(email)).toHaveLength(0);
  });

  it("refuses an expired card", async () => {
    // A token made without the field (Bolt's testing endpoint) carries no expiry of its own.
    const email = guestEmail();
    const { attempt, checkout } = await guestClick(email);
    const { token, last4, bin } = await bolt.cardToken();
    const input = attempt.payment.input as Parameters<typeof authorizeNewCard>[1];
    const expired = {
      ...attempt,
      payment: {
        kind: "new-card" as const,
        input: { ...input, card: { ...input.card, token, last4, bin, expiration: "2020-01" } },
      },
    };
    expect(await pay(checkout, async () => expired)).toEqual({
      kind: "refused",
      reason: "card_expired",
      supportCode: BOLT_SUPPORT_CODE,
    });
    expect(await bolt.orders(email)).toHaveLength(0);
  });

  it("never lets a card failing the Luhn check become a token", async () => {
    const refused = await bolt.tokenizeCard({ number: "4111111111111005" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmulatorAnswerError);
    expect((refused as EmulatorAnswerError).status).toBe(422);
  });

  it("sends nothing to Bolt when the cart is not the one the page showed", async () => {
    const email = guestEmail();
    const { attempt, checkout } = await guestClick(email);
    const changed = demoCart([{ id: "lh-tote", quantity: 2 }]);
    expect(await pay(checkout, async () => attempt, changed)).toMatchObject({ kind: "cart-changed" });
    expect(await authorizeCalls(email)).toEqual([]);
  });

  it("after a timed-out payment, the next click sends the same request again: one order", async () => {
    const email = guestEmail();
    const first = await guestClick(email);
    const slow = await bolt.addFault({
      path: "/v1/merchant/transactions/authorize",
      email,
      latencyMs: TIMEOUT_MS + 500,
      times: 1,
    });
    try {
      expect(await pay(first.checkout, async () => first.attempt)).toEqual({ kind: "unconfirmed" });
    } finally {
      await slow.remove();
    }
    // Bolt went on and charged the card after the storefront gave up.
    await expect.poll(async () => (await bolt.orders(email)).length, { timeout: 5000 }).toBe(1);
    const second = await guestClick(email, {}, first.checkout);
    const outcome = await pay(first.checkout, async () => second.attempt);
    expect(outcome.kind).toBe("placed");
    const sent = outcome.kind === "placed" ? outcome.attempt.payment.input : undefined;
    expect(sent?.idempotencyKey).toBe(first.attempt.payment.input.idempotencyKey);
    expect(await bolt.orders(email)).toHaveLength(1);
    const replays = (await authorizeCalls(email)).filter((call) => call.status === 200);
    expect(replays.length).toBeGreaterThanOrEqual(1);
  });
});
