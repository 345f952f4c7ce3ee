import { describe, expect, it, vi } from "vitest";
import {
  BoltApiError,
  BoltCardTokenError,
  BoltDeclinedError,
  BoltResponseError,
  BoltTimeoutError,
  BoltUnavailableError,
  type Authorization,
} from "@/lib/bolt";
import type { Attempt, CheckoutAttempts } from "./attempt";
import { cartFingerprint, placeOrder, resumeAttempt, type PaymentDeps } from "./place-order";
import { demoCart, guestAttempt } from "./testing/guest";

const cart = demoCart([{ id: "lh-mug", quantity: 2 }]);
const shown = { total: cart.total, fingerprint: cartFingerprint(cart) };

const PAID: Authorization = { orderId: "1234567890", status: "placed", accountCreated: false };

const attemptFor = (which = cart) => guestAttempt(which);

/** The shared store as one checkout sees it, in memory, with a log of what happened in which order. */
function memoryAttempts(kept?: Attempt) {
  const events: string[] = [];
  let attempt = kept;
  let locked = false;
  const store: CheckoutAttempts = {
    lock: vi.fn(async () => {
      if (locked) return false;
      locked = true;
      events.push("lock");
      return true;
    }),
    unlock: vi.fn(async () => {
      locked = false;
      events.push("unlock");
    }),
    load: vi.fn(async () => attempt),
    save: vi.fn(async (next: Attempt) => {
      attempt = next;
      events.push("save");
    }),
    drop: vi.fn(async () => {
      attempt = undefined;
      events.push("drop");
    }),
  };
  return { store, events, kept: () => attempt, hold: () => void (locked = true) };
}

function deps(attempts: CheckoutAttempts, send: PaymentDeps["send"], events?: string[]): PaymentDeps {
  return {
    attempts,
    lockMs: 10_000,
    send: async (attempt) => {
      events?.push(`send ${attempt.payment.input.idempotencyKey}`);
      return send(attempt);
    },
  };
}

describe("placeOrder", () => {
  it("keeps a fresh attempt before it sends it, and lets it go once Bolt has answered", async () => {
    const { store, events, kept } = memoryAttempts();
    const fresh = attemptFor();
    const start = vi.fn(async () => fresh);
    const outcome = await placeOrder(
      { cart, shown, start },
      deps(store, async () => PAID, events),
    );
    expect(outcome).toEqual({ kind: "placed", attempt: fresh, authorization: PAID });
    expect(events).toEqual(["lock", "save", `send ${fresh.payment.input.idempotencyKey}`, "drop", "unlock"]);
    expect(kept()).toBeUndefined();
  });

  it.each([
    ["another total", { ...shown, total: shown.total - 1 }],
    [
      "another cart's fingerprint",
      { ...shown, fingerprint: cartFingerprint(demoCart([{ id: "lh-mug", quantity: 1 }])) },
    ],
  ])("charges nothing when the page showed %s, and answers with the cart as it is", async (_name, stale) => {
    const { store } = memoryAttempts();
    const start = vi.fn(async () => attemptFor());
    const send = vi.fn(async () => PAID);
    const outcome = await placeOrder({ cart, shown: stale, start }, deps(store, send));
    expect(outcome).toEqual({ kind: "cart-changed", cart });
    expect(start).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it("charges nothing for an empty cart", async () => {
    const empty = demoCart([]);
    const { store } = memoryAttempts();
    const send = vi.fn(async () => PAID);
    const outcome = await placeOrder(
      { cart: empty, shown: { total: 0, fingerprint: cartFingerprint(empty) }, start: async () => attemptFor() },
      deps(store, send),
    );
    expect(outcome).toEqual({ kind: "empty-cart" });
    expect(send).not.toHaveBeenCalled();
  });

  it("answers busy while another click of the same checkout is paying", async () => {
    const { store, hold } = memoryAttempts();
    hold();
    const start = vi.fn(async () => attemptFor());
    const send = vi.fn(async () => PAID);
    expect(await placeOrder({ cart, shown, start }, deps(store, send))).toEqual({ kind: "busy" });
    expect(start).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it.each([
    ["a timeout", new BoltTimeoutError("authorize: no answer", 0)],
    ["Bolt unavailable", new BoltUnavailableError("authorize: 503", 503)],
    ["a 2xx it can't read", new BoltResponseError("authorize: bad shape", 200)],
  ])("keeps the attempt after %s: the payment may have gone through", async (_name, error) => {
    const { store, events, kept } = memoryAttempts();
    const fresh = attemptFor();
    const outcome = await placeOrder(
      { cart, shown, start: async () => fresh },
      deps(
        store,
        async () => {
          throw error;
        },
        events,
      ),
    );
    expect(outcome).toEqual({ kind: "unconfirmed" });
    expect(kept()).toBe(fresh);
    expect(events.at(-1)).toBe("unlock");
  });

  it("sends a kept attempt again, unchanged, instead of the new click's card: one order", async () => {
    const earlier = attemptFor();
    const { store, events, kept } = memoryAttempts(earlier);
    const start = vi.fn(async () => attemptFor());
    const sent: Attempt[] = [];
    const outcome = await placeOrder(
      { cart, shown, start },
      deps(store, async (attempt) => {
        sent.push(attempt);
        return PAID;
      }),
    );
    expect(outcome).toEqual({ kind: "placed", attempt: earlier, authorization: PAID });
    expect(sent).toEqual([earlier]);
    expect(start).not.toHaveBeenCalled();
    expect(kept()).toBeUndefined();
    expect(events).toEqual(["lock", "drop", "unlock"]);
  });

  it("sends a kept attempt first even when the cart changed meanwhile, so a paid order is never paid twice", async () => {
    const earlier = attemptFor(demoCart([{ id: "lh-mug", quantity: 1 }]));
    const { store } = memoryAttempts(earlier);
    const start = vi.fn(async () => attemptFor());
    const outcome = await placeOrder(
      { cart, shown, start },
      deps(store, async () => PAID),
    );
    expect(outcome).toMatchObject({ kind: "placed", attempt: earlier });
    expect(start).not.toHaveBeenCalled();
  });

  it("keeps a kept attempt that still gets no answer, and starts nothing new", async () => {
    const earlier = attemptFor();
    const { store, kept } = memoryAttempts(earlier);
    const start = vi.fn(async () => attemptFor());
    const outcome = await placeOrder(
      { cart, shown, start },
      deps(store, async () => {
        throw new BoltTimeoutError("authorize: no answer", 0);
      }),
    );
    expect(outcome).toEqual({ kind: "unconfirmed" });
    expect(kept()).toBe(earlier);
    expect(start).not.toHaveBeenCalled();
  });

  it("goes on with this click once Bolt has refused the kept attempt for good", async () => {
    const earlier = attemptFor();
    const { store, kept } = memoryAttempts(earlier);
    const fresh = attemptFor();
    const sent: Attempt[] = [];
    const outcome = await placeOrder(
      { cart, shown, start: async () => fresh },
      deps(store, async (attempt) => {
        sent.push(attempt);
        if (attempt === earlier) throw new BoltCardTokenError("authorize: token spent", 422, 2001103);
        return PAID;
      }),
    );
    expect(sent).toEqual([earlier, fresh]);
    expect(outcome).toEqual({ kind: "placed", attempt: fresh, authorization: PAID });
    expect(kept()).toBeUndefined();
  });

  it.each([
    ["a declined card", new BoltDeclinedError("no", 422, 2001101), "declined"],
    ["an expired card", new BoltDeclinedError("no", 422, 2001102), "card_expired"],
    ["a failed CVV check", new BoltDeclinedError("no", 422, 2001104), "security_code"],
    ["a decline inside a 2xx", new BoltDeclinedError("no", 200, "invalid_cvv"), "declined"],
    ["a spent or expired token", new BoltCardTokenError("no", 422, 2001103), "card_token"],
    ["invalid input", new BoltApiError("no", 422, 2001005), "refused"],
  ])("reads %s as a refusal and lets the attempt go", async (_name, error, reason) => {
    const { store, kept } = memoryAttempts();
    const outcome = await placeOrder(
      { cart, shown, start: async () => attemptFor() },
      deps(store, async () => {
        throw error;
      }),
    );
    expect(outcome).toEqual({ kind: "refused", reason });
    expect(kept()).toBeUndefined();
  });

  it("keeps the attempt when Bolt refused the shopper's token: it looked no further", async () => {
    const earlier = attemptFor();
    const { store, kept } = memoryAttempts(earlier);
    const refusedToken = new BoltApiError("authorize: 401", 401, 1002);
    await expect(
      placeOrder(
        { cart, shown, start: async () => attemptFor() },
        deps(store, async () => {
          throw refusedToken;
        }),
      ),
    ).rejects.toBe(refusedToken);
    expect(kept()).toBe(earlier);
  });

  it("sends nothing when the attempt can't be started or can't be kept", async () => {
    for (const failure of ["start", "save"] as const) {
      const { store, events } = memoryAttempts();
      if (failure === "save") vi.mocked(store.save).mockRejectedValueOnce(new Error("store down"));
      const send = vi.fn(async () => PAID);
      const start = async () => {
        if (failure === "start") throw new Error("address gone");
        return attemptFor();
      };
      await expect(placeOrder({ cart, shown, start }, deps(store, send))).rejects.toThrow();
      expect(send).not.toHaveBeenCalled();
      expect(events.at(-1)).toBe("unlock");
    }
  });
});

describe("resumeAttempt", () => {
  it("has nothing to do without a kept attempt", async () => {
    const { store } = memoryAttempts();
    const send = vi.fn(async () => PAID);
    expect(await resumeAttempt(deps(store, send))).toEqual({ kind: "none" });
    expect(send).not.toHaveBeenCalled();
  });

  it("sends the kept attempt again and reports what Bolt says of it", async () => {
    const earlier = attemptFor();
    const { store, kept } = memoryAttempts(earlier);
    expect(await resumeAttempt(deps(store, async () => PAID))).toEqual({
      kind: "placed",
      attempt: earlier,
      authorization: PAID,
    });
    expect(kept()).toBeUndefined();
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
