import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { orders } from "@/lib/db/schema";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { claimSend, releaseSend } from "./answers";
import type { Answer } from "./inputs";
import { createPendingOrder, orderTimeline } from "./orders";
import { reconcileOnce, type ReconcilerDeps } from "./reconciler";
import { newSub, orderInput, useTestDatabase } from "./testing/orders";
import type { Order } from "./types";
import { keepUnwrittenAnswer, takeUnwrittenAnswers } from "./unwritten";
import { captureLog } from "@/lib/log/testing/capture";

const MINUTE = 60_000;
const paid = (order: Order): Answer => ({ kind: "authorized", boltReference: `R-${order.id}`, amountCents: 5900 });
/** Past every first check made here. */
const later = () => new Date(Date.now() + MINUTE);

describe.each(TEST_DATABASES)("the reconciler on %s", (kind) => {
  const db = useTestDatabase(kind);

  /** An order sent once, whose answer was never written: as if its instance died mid-payment. */
  async function sentAndLost(overrides: Parameters<typeof orderInput>[0] = {}) {
    const { order } = await createPendingOrder(db(), orderInput(overrides), {
      send: { sealedRequest: `sealed:${overrides.shopperSub ? "signed-in" : "guest"}`, lockMs: 1 },
      firstCheckDelayMs: 0,
    });
    // The dead instance's lock has lapsed, however fast this test runs.
    await releaseSend(db(), order.id);
    return order;
  }

  function deps(overrides: Partial<ReconcilerDeps> = {}) {
    const resends: string[] = [];
    const reads: string[] = [];
    const value: ReconcilerDeps = {
      db: db(),
      lockMs: MINUTE,
      readTransaction: vi.fn(async (order: Order, reference: string) => {
        reads.push(reference);
        return paid(order);
      }),
      // A guest's request can be sent with the API key alone; a signed-in shopper's needs their token.
      prepareResend: vi.fn(async (order: Order, sealed: string) =>
        sealed === "sealed:guest"
          ? async () => {
              resends.push(order.id);
              return paid(order);
            }
          : { unsent: "needs the shopper's token" },
      ),
      ...overrides,
    };
    return { value, resends, reads };
  }

  const eventsOf = async (order: Order) =>
    (await orderTimeline(db(), order.id)).map((event) => [event.type, event.source, event.statusTo]);

  it("resends a guest's lost payment with the same request, and records Bolt's answer", async () => {
    const order = await sentAndLost();
    const { value, resends } = deps();
    await reconcileOnce(value, later());
    expect(resends).toEqual([order.id]);
    expect(await eventsOf(order)).toEqual([
      ["created", "storefront", "pending"],
      ["sent", "storefront", null],
      ["resent", "reconciler", null],
      ["authorized", "bolt", "authorized"],
    ]);
  });

  it("leaves a signed-in shopper's lost payment for their next visit: checked, unconfirmed, later again", async () => {
    const order = await sentAndLost({ shopperSub: newSub() });
    const { value, resends } = deps();
    await reconcileOnce(value, later());
    expect(resends).toEqual([]);
    expect(await eventsOf(order)).toEqual([
      ["created", "storefront", "pending"],
      ["sent", "storefront", null],
      ["checked", "reconciler", null],
      ["unconfirmed", "reconciler", "unconfirmed"],
    ]);
    // The merchant's timeline says why, in the words of whoever could not send it.
    expect((await orderTimeline(db(), order.id)).at(-1)?.detail).toMatchObject({ reason: "needs the shopper's token" });
    const [after] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(after?.nextCheckAt?.getTime()).toBeGreaterThan(Date.now() + 20_000);
  });

  it("reads Bolt's transaction when its reference is known, instead of resending", async () => {
    const order = await sentAndLost();
    await db()
      .update(orders)
      .set({ boltReference: `TX-${order.id}` })
      .where(eq(orders.id, order.id));
    const { value, resends, reads } = deps();
    await reconcileOnce(value, later());
    expect(reads).toEqual([`TX-${order.id}`]);
    expect(resends).toEqual([]);
    expect((await eventsOf(order)).slice(2)).toEqual([
      ["checked", "reconciler", null],
      ["authorized", "bolt", "authorized"],
    ]);
  });

  it("never resends once Bolt has forgotten the key (24 hours): it stops checking and says why", async () => {
    const order = await sentAndLost();
    const { value, resends } = deps();
    await reconcileOnce(value, new Date(Date.now() + 25 * 60 * MINUTE));
    expect(resends).toEqual([]);
    expect((await eventsOf(order)).at(-1)).toEqual(["checks_stopped", "reconciler", null]);
  });

  it("keeps off an order a shopper's click is sending, and one not due yet", async () => {
    const busy = await sentAndLost();
    expect(await claimSend(db(), busy.id, MINUTE)).toBe(true);
    const { order: notYet } = await createPendingOrder(db(), orderInput(), {
      send: { sealedRequest: "sealed:guest", lockMs: 1 },
      firstCheckDelayMs: 10 * MINUTE,
    });
    const { value, resends } = deps();
    await reconcileOnce(value, later());
    expect(resends).not.toContain(busy.id);
    expect(resends).not.toContain(notYet.id);
  });

  it("lets two instances' rounds at once resend each order once", async () => {
    const lost = [await sentAndLost(), await sentAndLost(), await sentAndLost()];
    const [a, b] = [deps(), deps()];
    await Promise.all([reconcileOnce(a.value, later()), reconcileOnce(b.value, later())]);
    const resent = [...a.resends, ...b.resends].filter((id) => lost.some((order) => order.id === id));
    expect(resent.sort()).toEqual(lost.map((order) => order.id).sort());
  });

  it("writes first the answers this process learned but could not write", async () => {
    takeUnwrittenAnswers();
    const order = await sentAndLost();
    keepUnwrittenAnswer(order.id, paid(order));
    const { value, resends } = deps();
    expect(await reconcileOnce(value, later())).toMatchObject({ written: 1 });
    expect(resends).not.toContain(order.id);
    expect((await eventsOf(order)).at(-1)).toEqual(["authorized", "bolt", "authorized"]);
    expect(takeUnwrittenAnswers()).toEqual([]);
  });

  it("goes on with the other orders when one check fails", async () => {
    const [first, second] = [await sentAndLost(), await sentAndLost()];
    const { value } = deps({
      prepareResend: vi.fn(async (order: Order) => {
        if (order.id === first.id) throw new Error("seal does not open");
        return async () => paid(order);
      }),
    });
    captureLog();
    await reconcileOnce(value, later());
    expect((await eventsOf(second)).at(-1)).toEqual(["authorized", "bolt", "authorized"]);
    expect((await eventsOf(first)).at(-1)).toEqual(["sent", "storefront", null]);
  });

  it("keeps an answer it could not write while the database fails, for the next round", async () => {
    takeUnwrittenAnswers();
    const order = await sentAndLost();
    keepUnwrittenAnswer(order.id, paid(order));
    // Writes fail (every answer is written in a transaction); the round's other reads still work.
    const failing = new Proxy(db(), {
      get: (target, property, receiver) =>
        property === "transaction"
          ? async () => {
              throw new Error("connection lost");
            }
          : Reflect.get(target, property, receiver),
    });
    const { value } = deps({ db: failing, batch: 1 });
    const logged = captureLog();
    expect(await reconcileOnce(value, new Date())).toMatchObject({ written: 0 });
    expect(takeUnwrittenAnswers()).toEqual([[order.id, paid(order)]]);
    expect(logged.lines().filter((line) => line.msg.includes("refused"))).toEqual([]);
  });

  it("drops a kept answer the ledger refuses, saying which order and why", async () => {
    takeUnwrittenAnswers();
    keepUnwrittenAnswer("ZZZZZZZZZZZZ", { kind: "declined", reason: "card declined" });
    const logged = captureLog();
    expect(await reconcileOnce(deps().value, new Date())).toMatchObject({ written: 0 });
    expect(takeUnwrittenAnswers()).toEqual([]);
    expect(logged.lines()).toContainEqual(
      expect.objectContaining({
        level: "warn",
        msg: expect.stringMatching(/refused/),
        orderId: "ZZZZZZZZZZZZ",
        error: "OrderNotFoundError",
      }),
    );
  });

  it("logs which order's check failed, by the error's name only", async () => {
    const order = await sentAndLost();
    const { value } = deps({
      prepareResend: vi.fn(async (checked: Order) => {
        if (checked.id === order.id) throw new Error(`seal of nora@example.com does not open`);
        return { unsent: "needs the shopper's token" };
      }),
    });
    const logged = captureLog();
    await reconcileOnce(value, later());
    const line = logged.lines().find((entry) => entry.orderId === order.id);
    expect(line).toMatchObject({ level: "warn", msg: expect.stringMatching(/failed/), error: "Error" });
    expect(logged.text()).not.toContain("nora@example.com");
  });

  describe("its report of a round", () => {
    const own = useTestDatabase(kind);

    it("counts the orders it looked at: not those another holds, nor those it could do nothing for", async () => {
      const lost = async (overrides: Parameters<typeof orderInput>[0] = {}) => {
        const { order } = await createPendingOrder(own(), orderInput(overrides), {
          send: { sealedRequest: `sealed:${overrides.shopperSub ? "signed-in" : "guest"}`, lockMs: 1 },
          firstCheckDelayMs: 0,
        });
        await releaseSend(own(), order.id);
        return order;
      };
      const withReference = async (order: Order) => {
        await own()
          .update(orders)
          .set({ boltReference: `TX-${order.id}` })
          .where(eq(orders.id, order.id));
        return order;
      };
      // Looked at: a guest's resent, a signed-in shopper's checked, one read from Bolt.
      await lost();
      await lost({ shopperSub: newSub() });
      await withReference(await lost());
      // Held by a click of the checkout: each kind left alone.
      for (const held of [await lost(), await lost({ shopperSub: newSub() }), await withReference(await lost())]) {
        expect(await claimSend(own(), held.id, MINUTE)).toBe(true);
      }
      const round = (now: Date) => reconcileOnce({ ...deps().value, db: own() }, now);
      expect(await round(later())).toEqual({ written: 0, checked: 3 });
      // A day on, Bolt no longer remembers the keys: checks stop, and nothing was looked at.
      expect(await round(new Date(Date.now() + 25 * 60 * MINUTE))).toEqual({ written: 0, checked: 0 });
    });
  });
});
