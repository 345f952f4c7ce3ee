import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { startStubBolt, type StubBolt } from "@/lib/bolt/testing/stub-bolt";

// A 2xx whose card answer is `error`: the processor failed the payment. The emulator has no card that
// answers so, so a scripted Bolt does, in front of the real HTTP client and a real ledger. Bolt replays
// that answer to the same key for 24 hours: the order must end on it, never be resent, and the next
// click must be a new order under a new key.

let bolt: StubBolt;
beforeAll(async () => {
  bolt = await startStubBolt();
  vi.stubEnv("BOLT_API_URL", bolt.url);
  vi.stubEnv("STOREFRONT_TUNING", JSON.stringify({ boltTimeoutMs: 1000 }));
});
afterAll(() => bolt?.close());

const { authorizeNewCard } = await import("@/lib/bolt");
const { openDatabase } = await import("@/lib/db/client");
const { migrateDatabase } = await import("@/lib/db/migrate");
const { hashCheckoutId, latestCheckoutOrder, takePaymentRequest } = await import("@/lib/ledger");
const { keepUnwrittenAnswer } = await import("@/lib/ledger/unwritten");
const { openAttempt, sealAttempt } = await import("@/lib/checkout/attempt");
const { paymentLedger } = await import("@/lib/checkout/payment-ledger");
const { placeOrder, shownCart } = await import("@/lib/checkout/place-order");
const { demoCart, guestAttempt } = await import("@/lib/checkout/testing/guest");

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
});
afterAll(() => handle?.close());

const cart = demoCart([{ id: "lh-mug", quantity: 1 }]);
const checkout = {
  checkoutIdHash: hashCheckoutId("one-browser-checkout-0001"),
  shopper: { guestEmail: "nora@example.test" },
};

function click() {
  return placeOrder(
    { checkout, cart, shown: shownCart(cart), start: async (orderId) => guestAttempt(orderId, cart) },
    {
      ledger: paymentLedger(handle.db),
      lockMs: 4_000,
      firstCheckDelayMs: 60_000,
      seal: sealAttempt,
      open: openAttempt,
      send: async (attempt) => {
        if (attempt.payment.kind !== "new-card") throw new Error("guests pay with new cards only");
        return authorizeNewCard(undefined, attempt.payment.input);
      },
      keepUnwritten: keepUnwrittenAnswer,
    },
  );
}

const transaction = (status: string) => ({
  order_number: "1234567890",
  transaction: {
    reference: "TXPROCESSOR1",
    status,
    amount: { amount: cart.total, currency: "USD" },
    authorization: { status: status === "failed" ? "error" : "succeeded", reason: "processing_error" },
  },
});

describe("a processor error answer", () => {
  it("ends the order: never resent, and the next click is a new order under its own key", async () => {
    bolt.reply(
      "POST /v1/merchant/transactions/authorize",
      { body: transaction("failed") },
      {
        body: {
          ...transaction("authorized"),
          transaction: { ...transaction("authorized").transaction, reference: "TXPAID00001" },
        },
      },
    );
    expect(await click()).toEqual({ kind: "refused", reason: "processor_error" });
    const refused = await latestCheckoutOrder(handle.db, checkout);
    expect(refused?.status).toBe("declined");
    await expect(takePaymentRequest(handle.db, refused!.id)).resolves.toBeNull();

    const outcome = await click();
    const paid = await latestCheckoutOrder(handle.db, checkout);
    expect(outcome).toMatchObject({ kind: "placed", order: { id: paid?.id } });
    expect(paid?.id).not.toBe(refused?.id);
    expect(bolt.requests.map((request) => request.headers["idempotency-key"])).toEqual([refused?.id, paid?.id]);
  });
});
