import { afterEach, describe, expect, it, vi } from "vitest";
import {
  BoltApiError,
  BoltCardTokenError,
  BoltDeclinedError,
  BoltProcessorError,
  BoltResponseError,
  BoltTimeoutError,
  BoltUnavailableError,
  type Authorization,
} from "@/lib/bolt";
import { MAX_CART_LINES } from "@/lib/cart/items";
import { priceCart } from "@/lib/cart/pricing";
import { demoProducts } from "@/lib/catalog/demo-products";
import { captureLog } from "@/lib/log/testing/capture";
import type { Answer, Shopper } from "@/lib/ledger";
import { hashCheckoutId } from "@/lib/ledger/secrets";
import type { Attempt } from "./attempt";
import { cartFingerprint, orderFingerprint } from "./fingerprint";
import { savedCardAttempt } from "./new-attempt";
import { placeOrder, resumeOrder, shownCart, type PaymentDeps, type PaymentOutcome } from "./place-order";
import { demoCart, GUEST_ADDRESS, guestAttempt } from "./testing/guest";
import { LedgerDownError, memoryLedger, type LedgerCall } from "./testing/memory-ledger";

const cart = demoCart([{ id: "lh-mug", quantity: 2 }]);
const shown = { total: cart.total, fingerprint: cartFingerprint(cart) };
const CHECKOUT = hashCheckoutId("checkout-of-the-browser-1");
const NORA: Shopper = { guestEmail: "nora@example.test" };

const paid = (reference = "TX-1"): Authorization => ({
  orderId: "1234567890",
  status: "placed",
  transactionReference: reference,
  amount: cart.total,
  accountCreated: false,
});

type Reply = Authorization | Error;

/** The money path with an in-memory ledger and a scripted Bolt answering `replies` in turn (the last repeats). */
function setup(...replies: Reply[]) {
  const memory = memoryLedger();
  const sent: Attempt[] = [];
  const unwritten: [string, Answer][] = [];
  const script = replies.length > 0 ? replies : [paid()];
  const deps: PaymentDeps = {
    ledger: memory.ledger,
    lockMs: 10_000,
    firstCheckDelayMs: 1_000,
    seal: (attempt) => JSON.stringify(attempt),
    open: async (sealed) => JSON.parse(sealed) as Attempt,
    send: vi.fn(async (attempt: Attempt) => {
      sent.push(attempt);
      memory.log.push(`send ${attempt.payment.input.idempotencyKey}`);
      const reply = script[Math.min(sent.length - 1, script.length - 1)]!;
      if (reply instanceof Error) throw reply;
      return reply;
    }),
    keepUnwritten: (orderId, answer) => void unwritten.push([orderId, answer]),
  };
  const keys = () => sent.map((attempt) => attempt.payment.input.idempotencyKey);
  return { ...memory, deps, sent, keys, unwritten };
}

type World = ReturnType<typeof setup>;

afterEach(() => vi.restoreAllMocks());

/** One click of "Place order" on a checkout, as a guest by default, with a fresh card token each time. */
function click(
  world: World,
  { checkout = CHECKOUT, shopper = NORA, which = cart, seen = shown } = {},
): { start: ReturnType<typeof vi.fn>; outcome: Promise<PaymentOutcome> } {
  const start = vi.fn(async (orderId: string) =>
    "sub" in shopper ? aliceAttempt(orderId, which) : guestAttempt(orderId, which),
  );
  const outcome = placeOrder(
    { checkout: { checkoutIdHash: checkout, shopper }, cart: which, shown: seen, start },
    world.deps,
  );
  return { start, outcome };
}

function aliceAttempt(orderId: string, which = cart): Attempt {
  const payer = { email: "alice@example.com", firstName: "Alice", lastName: "Shopper" };
  const address = { id: "addr_alice", isDefault: true, ...GUEST_ADDRESS };
  const card = { id: "card_alice", network: "visa" as const, last4: "1004", expMonth: 1, expYear: 2099 };
  return savedCardAttempt(orderId, which, payer, address, { ...card, isDefault: true, isExpired: false });
}

const placedOrder = (outcome: PaymentOutcome | { kind: "none" }) =>
  outcome.kind === "placed" ? outcome.order : undefined;

describe("placeOrder: the order is written before Bolt is called", () => {
  it("writes the order, its sealed request and its send lock, then sends, then records Bolt's answer", async () => {
    const world = setup();
    const { outcome, start } = click(world);
    const placed = placedOrder(await outcome);
    const [order] = world.orders();
    expect(world.log).toEqual([`create ${order!.id}`, `send ${order!.id}`, `record ${order!.id} authorized`]);
    expect(placed).toEqual({
      id: order!.id,
      guest: true,
      recorded: true,
      guestKey: "key-1",
      fingerprint: cartFingerprint(cart),
    });
    expect(order).toMatchObject({ status: "authorized", totalCents: cart.total, email: "nora@example.test" });
    expect(start).toHaveBeenCalledWith(order!.id);
    // Once Bolt has answered for good, the sealed request is gone.
    expect(world.request(order!.id)).toBeNull();
  });

  it("names the payment after the order: its id is the Idempotency-Key and Bolt's order_reference", async () => {
    const world = setup();
    await click(world).outcome;
    const [order] = world.orders();
    expect(world.sent[0]?.payment.input).toMatchObject({
      idempotencyKey: order!.id,
      cart: { orderReference: order!.id, totalAmount: cart.total },
    });
  });

  it.each([
    ["another total", { ...shown, total: shown.total - 1 }],
    [
      "another cart's fingerprint",
      { ...shown, fingerprint: cartFingerprint(demoCart([{ id: "lh-mug", quantity: 1 }])) },
    ],
  ])("writes and sends nothing when the page showed %s, and answers with the cart as it is", async (_name, seen) => {
    const world = setup();
    const { outcome, start } = click(world, { seen });
    expect(await outcome).toEqual({ kind: "cart-changed", cart });
    expect(start).not.toHaveBeenCalled();
    expect(world.orders()).toEqual([]);
    expect(world.sent).toEqual([]);
  });

  it("writes and sends nothing for an empty cart", async () => {
    const world = setup();
    const empty = demoCart([]);
    const seen = { total: 0, fingerprint: cartFingerprint(empty) };
    expect(await click(world, { which: empty, seen }).outcome).toEqual({ kind: "empty-cart" });
    expect(world.orders()).toEqual([]);
  });

  it.each<LedgerCall>(["latestOrder", "createOrder"])(
    "sends nothing when the ledger fails at %s: the click fails with the ledger's error",
    async (call) => {
      const world = setup();
      world.failing.add(call);
      await expect(click(world).outcome).rejects.toBeInstanceOf(LedgerDownError);
      expect(world.sent).toEqual([]);
    },
  );

  it("sends nothing when the shopper's choices no longer hold", async () => {
    const world = setup();
    const start = vi.fn(async () => {
      throw new Error("address gone");
    });
    const request = { checkout: { checkoutIdHash: CHECKOUT, shopper: NORA }, cart, shown, start };
    await expect(placeOrder(request, world.deps)).rejects.toThrow("address gone");
    expect(world.orders()).toEqual([]);
    expect(world.sent).toEqual([]);
  });

  it(`records a cart of the most lines a cart may hold (${MAX_CART_LINES}), and pays for it`, async () => {
    const products = Array.from({ length: MAX_CART_LINES }, (_, i) => ({
      ...demoProducts[i % demoProducts.length]!,
      id: `product-${i}`,
    }));
    const big = priceCart(
      products.map((product) => ({ id: product.id, quantity: 1 })),
      products,
    );
    const world = setup();
    const outcome = await click(world, { which: big, seen: { total: big.total, fingerprint: cartFingerprint(big) } })
      .outcome;
    expect(outcome.kind).toBe("placed");
    expect(world.orders()[0]?.lines).toHaveLength(MAX_CART_LINES);
    expect(world.sent).toHaveLength(1);
  });
});

describe("placeOrder: only Bolt's explicit refusal ends an order", () => {
  it.each([
    ["a declined card", new BoltDeclinedError("no", 422, 2001101), "declined"],
    ["an expired card", new BoltDeclinedError("no", 422, 2001102), "card_expired"],
    ["a failed CVV check", new BoltDeclinedError("no", 422, 2001104), "security_code"],
    ["a decline inside a 2xx", new BoltDeclinedError("no", 200, "invalid_cvv"), "declined"],
    ["a processor error inside a 2xx", new BoltProcessorError("error", 200, "processing_error"), "processor_error"],
    ["a spent or expired token on the first send", new BoltCardTokenError("no", 422, 2001103), "card_token"],
    ["invalid input on the first send", new BoltApiError("no", 422, 2001005), "refused"],
  ])("reads %s as a refusal: the order is declined and its request forgotten", async (_name, error, reason) => {
    const world = setup(error);
    expect(await click(world).outcome).toEqual({ kind: "refused", reason });
    const [order] = world.orders();
    expect(order?.status).toBe("declined");
    expect(world.request(order!.id)).toBeNull();
  });

  it("gives a refusal Bolt's support code when Bolt's answer carried a trace id", async () => {
    const declined = Object.assign(new BoltDeclinedError("no", 422, 2001101), { traceId: "trace-0123456789abcdef" });
    const world = setup(declined);
    expect(await click(world).outcome).toEqual({ kind: "refused", reason: "declined", supportCode: "89ABCDEF" });
  });

  it.each([
    ["a timeout", new BoltTimeoutError("authorize: no answer", 0)],
    ["a 5xx", new BoltUnavailableError("authorize: 503", 503)],
    ["a 409: Bolt still working on the same key", new BoltApiError("authorize: 409", 409, 409)],
    ["a 2xx it can't read", new BoltResponseError("authorize: bad shape", 200)],
    ["a refused token (401)", new BoltApiError("authorize: 401", 401, 1002)],
    ["a forbidden token (403)", new BoltApiError("authorize: 403", 403, 18)],
    ["a failure of our own", new TypeError("fetch failed oddly")],
  ])("keeps the order open after %s, with its request: the payment may have gone through", async (_name, error) => {
    const world = setup(error);
    const outcome = await click(world).outcome;
    const [order] = world.orders();
    expect(outcome).toEqual({ kind: "unconfirmed", order: { id: order!.id, guest: true, guestKey: "key-1" } });
    expect(order?.status).toBe("unconfirmed");
    expect(world.request(order!.id)).not.toBeNull();
  });
});

describe("placeOrder: the next click of the same checkout resends, never pays under a second key", () => {
  it("after a timeout, sends the kept request again, unchanged, instead of the new click's card: one order", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0), paid());
    await click(world).outcome;
    const again = click(world);
    const outcome = await again.outcome;
    expect(outcome.kind).toBe("placed");
    expect(again.start).not.toHaveBeenCalled();
    expect(world.orders()).toHaveLength(1);
    expect(world.sent[1]).toEqual(world.sent[0]);
    expect(new Set(world.keys())).toEqual(new Set([world.orders()[0]!.id]));
    // The guest's key was given with the first answer, which may never have arrived: a new one comes with this one.
    expect(placedOrder(outcome)?.guestKey).toBe("key-2");
  });

  it("review scenario 1: a 409 or a spent token to the resend leaves the order open; no second key, ever", async () => {
    const world = setup(
      new BoltTimeoutError("no answer", 0),
      new BoltApiError("authorize: 409", 409, 409),
      new BoltCardTokenError("authorize: token spent", 422, 2001103),
      paid(),
    );
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await click(world).outcome).kind);
    expect(outcomes).toEqual(["unconfirmed", "unconfirmed", "unconfirmed", "placed"]);
    expect(world.orders()).toHaveLength(1);
    expect(new Set(world.keys()).size).toBe(1);
  });

  it("review scenario 2: Bolt charged but the ledger can't take the answer: still placed, nothing thrown", async () => {
    const world = setup();
    world.failing.add("record");
    world.failing.add("renewGuestKey");
    const logged = captureLog();
    const outcome = await click(world).outcome;
    const [order] = world.orders();
    expect(placedOrder(outcome)).toMatchObject({ id: order!.id, recorded: false, guestKey: "key-1" });
    expect(logged.lines()).toEqual([
      expect.objectContaining({
        level: "warn",
        msg: expect.stringMatching(/not written/),
        orderId: order!.id,
        answer: "authorized",
        error: "LedgerUnavailableError",
      }),
    ]);
    // Kept for the reconciler to write; the order still says pending, so this checkout finds it again.
    expect(world.unwritten).toEqual([
      [order!.id, expect.objectContaining({ kind: "authorized", boltReference: "TX-1" })],
    ]);
    expect(order?.status).toBe("pending");
  });

  it("keeps no unconfirmed answer the ledger could not take: the order is due for a check anyway", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0));
    world.failing.add("record");
    captureLog();
    expect((await click(world).outcome).kind).toBe("unconfirmed");
    expect(world.unwritten).toEqual([]);
  });

  it("shows a guest's placed order without a key when the ledger could not issue a new one", async () => {
    const world = setup();
    await click(world).outcome;
    world.failing.add("renewGuestKey");
    expect(placedOrder(await click(world).outcome)).toMatchObject({ id: world.orders()[0]?.id, guestKey: null });
  });

  it("review scenario 3: the answer to a placed order got lost; the next click shows that order, charges nothing", async () => {
    const world = setup();
    const first = placedOrder(await click(world).outcome);
    const again = click(world);
    const outcome = await again.outcome;
    expect(placedOrder(outcome)).toMatchObject({ id: first?.id, recorded: true, guestKey: "key-2" });
    expect(again.start).not.toHaveBeenCalled();
    expect(world.sent).toHaveLength(1);
    expect(world.orders()).toHaveLength(1);
  });

  it("shows a placed order even when the cart changed since, and empties only the cart it paid for", async () => {
    const world = setup();
    await click(world).outcome;
    const bigger = demoCart([{ id: "lh-mug", quantity: 3 }]);
    const outcome = await click(world, {
      which: bigger,
      seen: { total: bigger.total, fingerprint: cartFingerprint(bigger) },
    }).outcome;
    expect(placedOrder(outcome)?.fingerprint).toBe(cartFingerprint(cart));
    expect(placedOrder(outcome)?.fingerprint).not.toBe(cartFingerprint(bigger));
    expect(world.sent).toHaveLength(1);
  });

  it("answers busy while another click of the checkout is sending the order, and sends nothing", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0));
    await click(world).outcome;
    world.lock(world.orders()[0]!.id);
    expect(await click(world).outcome).toEqual({ kind: "busy" });
    expect(world.sent).toHaveLength(1);
  });

  it("goes on with a new order once the resend shows Bolt refused the first for good", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0), new BoltDeclinedError("no", 422, 2001101), paid());
    await click(world).outcome;
    const again = click(world);
    expect((await again.outcome).kind).toBe("placed");
    const [first, second] = world.orders();
    expect([first?.status, second?.status]).toEqual(["declined", "authorized"]);
    expect(world.keys()).toEqual([first!.id, first!.id, second!.id]);
    expect(again.start).toHaveBeenCalledWith(second!.id);
  });

  it("never resends an order Bolt can no longer remember (24 hours): a new order instead", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0), paid());
    await click(world).outcome;
    const [earlier] = world.orders();
    world.forgetRequest(earlier!.id);
    await click(world).outcome;
    expect(world.keys()).toEqual([earlier!.id, world.orders()[1]!.id]);
    expect(world.orders()[0]?.status).toBe("unconfirmed");
  });

  it("never replaces an open order whose kept request does not open (a password id retired too soon)", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0), paid());
    await click(world).outcome;
    const [earlier] = world.orders();
    world.deps.open = async () => undefined;
    const logged = captureLog();
    const again = click(world);
    expect(await again.outcome).toEqual({
      kind: "unconfirmed",
      order: { id: earlier!.id, guest: true, guestKey: null },
    });
    expect(again.start).not.toHaveBeenCalled();
    expect(world.keys()).toEqual([earlier!.id]);
    expect(world.orders()).toHaveLength(1);
    expect(logged.lines()).toEqual([
      expect.objectContaining({ level: "error", msg: expect.stringMatching(/does not open/), orderId: earlier!.id }),
    ]);
  });

  it("after a processor error, resends nothing: the next click is a new order under a new key", async () => {
    const world = setup(new BoltProcessorError("error", 200, "processing_error"), paid());
    await click(world).outcome;
    expect((await click(world).outcome).kind).toBe("placed");
    const [first, second] = world.orders();
    expect(world.keys()).toEqual([first!.id, second!.id]);
  });
});

describe("placeOrder: an order belongs to the identity that placed it", () => {
  it("two guests on one browser: B never finds, resends or sees A's order, and pays for B's own", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0), paid());
    await click(world, { shopper: NORA }).outcome;
    const [ofA] = world.orders();
    const outcome = await click(world, { shopper: { guestEmail: "someone-else@example.test" } }).outcome;
    const [, ofB] = world.orders();
    expect(placedOrder(outcome)?.id).toBe(ofB?.id);
    expect(world.keys()).toEqual([ofA!.id, ofB!.id]);
    expect(ofA?.status).toBe("unconfirmed");
  });

  it("Alice times out and logs out, Bob pays: Alice's order is never sent under Bob", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0), paid());
    await click(world, { shopper: { sub: "shopper_alice" } }).outcome;
    // Logging out gave the browser a new checkout; even on the old one, Bob is not Alice.
    for (const checkout of [hashCheckoutId("checkout-after-logout"), CHECKOUT]) {
      const bobs = await click(world, { checkout, shopper: { sub: "shopper_bob" } }).outcome;
      expect(bobs.kind).toBe("placed");
    }
    const [alices, ...bobs] = world.orders();
    expect(alices).toMatchObject({ shopperSub: "shopper_alice", status: "unconfirmed" });
    expect(bobs.map((order) => order.shopperSub)).toEqual(["shopper_bob", "shopper_bob"]);
    expect(world.keys().filter((key) => key === alices!.id)).toHaveLength(1);
  });
});

describe("resumeOrder", () => {
  const ALICE: Shopper = { sub: "shopper_alice" };
  const resume = (world: World) => resumeOrder({ checkoutIdHash: CHECKOUT, shopper: ALICE }, world.deps);

  it("has nothing to do without an order, or after a declined one", async () => {
    const world = setup(new BoltDeclinedError("no", 422, 2001101));
    expect(await resume(world)).toEqual({ kind: "none" });
    await click(world, { shopper: ALICE }).outcome;
    expect(await resume(world)).toEqual({ kind: "none" });
    expect(world.sent).toHaveLength(1);
  });

  it("sends the open order again and reports what Bolt says of it", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0), paid());
    await click(world, { shopper: ALICE }).outcome;
    const outcome = await resume(world);
    expect(placedOrder(outcome)).toMatchObject({ id: world.orders()[0]?.id, guest: false, guestKey: null });
    expect(new Set(world.keys()).size).toBe(1);
    expect(world.sent).toHaveLength(2);
    expect(world.orders()[0]?.status).toBe("authorized");
  });

  it("shows an order already placed, as recorded, sending nothing", async () => {
    const world = setup();
    await click(world, { shopper: ALICE }).outcome;
    expect(placedOrder(await resume(world))).toMatchObject({ id: world.orders()[0]?.id, recorded: true });
    expect(world.sent).toHaveLength(1);
  });

  it("keeps an open order whose kept request does not open unconfirmed, sending nothing", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0));
    await click(world, { shopper: ALICE }).outcome;
    const [order] = world.orders();
    world.deps.open = async () => undefined;
    captureLog();
    expect(await resume(world)).toEqual({
      kind: "unconfirmed",
      order: { id: order!.id, guest: false, guestKey: null },
    });
    expect(world.sent).toHaveLength(1);
  });

  it("keeps an open order Bolt can no longer be asked about unconfirmed, sending nothing", async () => {
    const world = setup(new BoltTimeoutError("no answer", 0));
    await click(world, { shopper: ALICE }).outcome;
    const [order] = world.orders();
    world.forgetRequest(order!.id);
    expect(await resume(world)).toEqual({
      kind: "unconfirmed",
      order: { id: order!.id, guest: false, guestKey: null },
    });
    expect(world.sent).toHaveLength(1);
  });
});

describe("shownCart", () => {
  it("is the cart as the page shows it, and what a click from that page is checked against", async () => {
    const page = shownCart(cart);
    // Dollars and cents, as the shopper reads them.
    const label = `$${(cart.total / 100).toFixed(2)}`;
    expect(page).toEqual({ total: cart.total, totalLabel: label, fingerprint: cartFingerprint(cart) });
    const world = setup();
    expect((await click(world, { seen: page }).outcome).kind).toBe("placed");
  });
});

describe("orderFingerprint", () => {
  it("is the fingerprint of the cart the order charged", async () => {
    const world = setup();
    await click(world).outcome;
    expect(orderFingerprint(world.orders()[0]!)).toBe(cartFingerprint(cart));
  });
});

describe("cartFingerprint", () => {
  it("is the same for the same cart and differs when anything shown differs", () => {
    const again = demoCart([{ id: "lh-mug", quantity: 2 }]);
    expect(cartFingerprint(again)).toBe(cartFingerprint(cart));
    const others = [
      demoCart([{ id: "lh-mug", quantity: 3 }]),
      demoCart([{ id: "lh-tote", quantity: 2 }]),
      demoCart([
        { id: "lh-mug", quantity: 2 },
        { id: "lh-vase", quantity: 1 },
      ]),
      { ...cart, lines: cart.lines.map((line) => ({ ...line, product: { ...line.product, price: 2900 } })) },
    ];
    for (const other of others) expect(cartFingerprint(other)).not.toBe(cartFingerprint(cart));
  });
});
