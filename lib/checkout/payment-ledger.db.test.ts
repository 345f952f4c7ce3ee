import { describe, expect, it, vi } from "vitest";
import { BoltTimeoutError, type Authorization } from "@/lib/bolt";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { claimSend, getOrderForShopper, orderTimeline, type Shopper } from "@/lib/ledger";
import { hashCheckoutId } from "@/lib/ledger/secrets";
import { newCheckout, newSub, useTestDatabase } from "@/lib/ledger/testing/orders";
import type { Attempt } from "./attempt";
import { cartFingerprint } from "./fingerprint";
import { savedCardAttempt } from "./new-attempt";
import { paymentLedger } from "./payment-ledger";
import { placeOrder, resumeOrder, type PaymentDeps, type PaymentOutcome } from "./place-order";
import { demoCart, GUEST_ADDRESS, guestAttempt } from "./testing/guest";

// The money path on the real ledger: what the merchant's timeline of an order says, and who said it.

const cart = demoCart([{ id: "lh-mug", quantity: 2 }]);
const shown = { total: cart.total, fingerprint: cartFingerprint(cart) };
const NORA: Shopper = { guestEmail: "nora@example.test" };

/** Bolt's references are unique across orders, as the ledger requires. */
let references = 0;
const paid = (): Authorization => ({
  orderId: "1234567890",
  status: "placed",
  transactionReference: `TX-PAID-${++references}`,
  amount: cart.total,
  accountCreated: false,
});

function signedInAttempt(orderId: string): Attempt {
  const payer = { email: "alice@example.com", firstName: "Alice", lastName: "Shopper" };
  const address = { id: "addr_alice", isDefault: true, ...GUEST_ADDRESS };
  const card = { id: "card_alice", network: "visa" as const, last4: "1004", expMonth: 1, expYear: 2099 };
  return savedCardAttempt(orderId, cart, payer, address, { ...card, isDefault: true, isExpired: false });
}

describe.each(TEST_DATABASES)("the checkout's ledger on %s", (kind) => {
  const db = useTestDatabase(kind);

  /** A checkout on the real ledger, with Bolt answering `replies` in turn (the last repeats). */
  function checkout(shopper: Shopper, ...replies: (Authorization | Error)[]) {
    const sent: Attempt[] = [];
    const deps: PaymentDeps = {
      ledger: paymentLedger(db()),
      lockMs: 60_000,
      firstCheckDelayMs: 60_000,
      seal: (attempt) => JSON.stringify(attempt),
      open: async (sealed) => JSON.parse(sealed) as Attempt,
      send: vi.fn(async (attempt: Attempt) => {
        sent.push(attempt);
        const reply = replies[Math.min(sent.length - 1, replies.length - 1)]!;
        if (reply instanceof Error) throw reply;
        return reply;
      }),
      keepUnwritten: vi.fn(),
    };
    const at = { checkoutIdHash: newCheckout(), shopper };
    const click = () =>
      placeOrder(
        {
          checkout: at,
          cart,
          shown,
          start: async (orderId) => ("sub" in shopper ? signedInAttempt(orderId) : guestAttempt(orderId, cart)),
        },
        deps,
      );
    return { deps, sent, at, click, keys: () => sent.map((attempt) => attempt.payment.input.idempotencyKey) };
  }

  const placed = (outcome: PaymentOutcome | { kind: "none" }) => {
    if (outcome.kind !== "placed") throw new Error(`not placed: ${outcome.kind}`);
    return outcome.order;
  };
  const timeline = async (orderId: string) =>
    (await orderTimeline(db(), orderId)).map((event) => [event.type, event.source, event.statusTo]);

  it("files a guest's order as the storefront's, Bolt's authorization as Bolt's, and gives a key that opens it", async () => {
    const authorization = paid();
    const guest = checkout(NORA, authorization);
    const order = placed(await guest.click());
    expect(order).toMatchObject({ guest: true, recorded: true });
    expect(await timeline(order.id)).toEqual([
      ["created", "storefront", "pending"],
      ["sent", "storefront", null],
      ["authorized", "bolt", "authorized"],
    ]);
    const opened = await getOrderForShopper(db(), order.id, { guestKey: order.guestKey! });
    expect(opened).toMatchObject({
      id: order.id,
      status: "authorized",
      boltReference: authorization.transactionReference,
    });
  });

  it("after a lost answer, resends the same request under the same key, and the timeline says who did what", async () => {
    const guest = checkout(NORA, new BoltTimeoutError("authorize: no answer", 0), paid());
    const first = await guest.click();
    expect(first.kind).toBe("unconfirmed");
    const order = placed(await guest.click());
    expect(order.recorded).toBe(true);
    expect(guest.sent[1]).toEqual(guest.sent[0]);
    expect(new Set(guest.keys())).toEqual(new Set([order.id]));
    expect(await timeline(order.id)).toEqual([
      ["created", "storefront", "pending"],
      ["sent", "storefront", null],
      ["unconfirmed", "storefront", "unconfirmed"],
      ["resent", "storefront", null],
      ["authorized", "bolt", "authorized"],
    ]);
    // The first key may never have reached the browser: the new one opens the order.
    expect(await getOrderForShopper(db(), order.id, { guestKey: order.guestKey! })).toMatchObject({ id: order.id });
  });

  it("answers busy, sending nothing, while another click holds the order's send", async () => {
    const guest = checkout(NORA, new BoltTimeoutError("authorize: no answer", 0));
    const first = await guest.click();
    if (first.kind !== "unconfirmed") throw new Error(first.kind);
    expect(await claimSend(db(), first.order.id, 60_000)).toBe(true);
    expect(await guest.click()).toEqual({ kind: "busy" });
    expect(guest.sent).toHaveLength(1);
  });

  it("gives a signed-in shopper's order no guest key: their account opens it", async () => {
    const alice = checkout({ sub: newSub() }, new BoltTimeoutError("authorize: no answer", 0), paid());
    await alice.click();
    const order = placed(await resumeOrder(alice.at, alice.deps));
    expect(order).toMatchObject({ guest: false, guestKey: null });
    expect(placed(await resumeOrder(alice.at, alice.deps))).toMatchObject({ id: order.id, guestKey: null });
    expect(alice.sent).toHaveLength(2);
  });

  it("finds nothing of this checkout for another browser's checkout", async () => {
    const guest = checkout(NORA, paid());
    await guest.click();
    const elsewhere = { checkoutIdHash: hashCheckoutId("another-browser-checkout"), shopper: NORA };
    expect(await resumeOrder(elsewhere, guest.deps)).toEqual({ kind: "none" });
  });
});
