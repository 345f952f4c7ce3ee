import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "@/lib/db/schema";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { claimSend, recordAnswer } from "./answers";
import { MAX_CART_LINES } from "@/lib/cart/items";
import { InvalidLedgerInputError } from "./errors";
import { isOrderId } from "./order-id";
import {
  createPendingOrder,
  forgetShopper,
  getOrderForShopper,
  latestCheckoutOrder,
  listOrdersForShopper,
  orderTimeline,
  renewGuestKey,
} from "./orders";
import type { OrderPage } from "./order-pages";
import { newOrderId } from "./order-id";
import { putPaymentRequest, takePaymentRequest } from "./payment-requests";
import { newCheckout, newEmail, newSub, nextTick, orderInput, useTestDatabase } from "./testing/orders";

const authorized = (ref: string) => ({ kind: "authorized", boltReference: ref, amountCents: 5900 }) as const;

describe.each(TEST_DATABASES)("orders on %s", (kind) => {
  const db = useTestDatabase(kind);

  describe("createPendingOrder", () => {
    it("records a pending guest order with its lines, and a 'created' event with the total", async () => {
      const input = orderInput({ email: "Nora.Guest@Example.com" });
      const { order, guestKey } = await createPendingOrder(db(), input);

      expect(isOrderId(order.id)).toBe(true);
      expect(order).toMatchObject({
        status: "pending",
        currency: "USD",
        itemsCents: 5000,
        shippingCents: 500,
        taxCents: 400,
        totalCents: 5900,
        lines: input.lines,
        shopperSub: null,
        email: "nora.guest@example.com",
        guest: true,
        shipTo: input.shipTo,
        cardNetwork: "visa",
        cardLast4: "1111",
        boltReference: null,
        authorizedCents: 0,
        capturedCents: 0,
        refundedCents: 0,
        checkAttempts: 0,
      });
      expect(order.nextCheckAt!.getTime()).toBeGreaterThan(order.createdAt.getTime());
      expect(guestKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The hashes it is filed under stay in the database.
      expect(order).not.toHaveProperty("checkoutIdHash");
      expect(order).not.toHaveProperty("guestKeyHash");

      const events = await orderTimeline(db(), order.id);
      expect(events).toMatchObject([
        { type: "created", source: "storefront", statusFrom: null, statusTo: "pending", amountCents: 5900 },
      ]);
    });

    it("gives a signed-in shopper's order no guest key", async () => {
      const sub = newSub();
      const { order, guestKey } = await createPendingOrder(db(), orderInput({ shopperSub: sub }));
      expect(order).toMatchObject({ shopperSub: sub, guest: false });
      expect(guestKey).toBeNull();
    });

    it("writes the order with the request about to be sent, locked for that send, in one transaction", async () => {
      const id = newOrderId();
      const { order } = await createPendingOrder(db(), orderInput(), {
        id,
        send: { sealedRequest: "sealed-request", lockMs: 60_000 },
        firstCheckDelayMs: 5_000,
      });

      expect(order.id).toBe(id);
      expect(order.sendLockUntil!.getTime()).toBeGreaterThan(Date.now() + 50_000);
      const firstCheck = order.nextCheckAt!.getTime() - order.createdAt.getTime();
      expect(firstCheck).toBeCloseTo(5_000, -2);
      await expect(takePaymentRequest(db(), id)).resolves.toBe("sealed-request");
      // Whoever finds the order now must treat it as sent: the claim is held, the send is on record.
      await expect(claimSend(db(), id, 60_000)).resolves.toBe(false);
      expect((await orderTimeline(db(), id)).map((event) => [event.type, event.source])).toEqual([
        ["created", "storefront"],
        ["sent", "storefront"],
      ]);
    });

    it("writes nothing, request included, when the order can't be written", async () => {
      const { order } = await createPendingOrder(db(), orderInput());
      const before = await db().$count(orders);
      const duplicate = createPendingOrder(db(), orderInput(), {
        id: order.id,
        send: { sealedRequest: "other-request", lockMs: 60_000 },
      });
      await expect(duplicate).rejects.toThrow();
      expect(await db().$count(orders)).toBe(before);
      await expect(takePaymentRequest(db(), order.id)).resolves.toBeNull();
    });

    it(`records as many lines as a cart may hold (${MAX_CART_LINES}), and a saved address without a region`, async () => {
      const line = orderInput().lines[0]!;
      const lines = Array.from({ length: MAX_CART_LINES }, (_, i) => ({ ...line, productId: `p${i}` }));
      const shipTo = { ...orderInput().shipTo, countryCode: "GB", region: "", postalCode: "SW1A 1AA" };
      const itemsCents = line.lineTotalCents * MAX_CART_LINES;
      const input = orderInput({ lines, itemsCents, totalCents: itemsCents + 900, shipTo });
      const { order } = await createPendingOrder(db(), input);
      expect(order.lines).toHaveLength(MAX_CART_LINES);
      expect(order.shipTo?.region).toBe("");
    });

    it.each([
      ["more lines than a cart may hold", { lines: Array(MAX_CART_LINES + 1).fill(orderInput().lines[0]) }, "lines"],
      ["a negative amount", { shippingCents: -1, totalCents: 5399 }, "shippingCents"],
      ["a fractional amount", { taxCents: 400.5, totalCents: 5900.5 }, "taxCents"],
      ["five card digits", { card: { network: "visa", last4: "11111" } }, "card.last4"],
      ["a card number", { card: { network: "visa", last4: "1111", number: "4111111111111111" } }, "card"],
      ["a total that is not items + shipping + tax", { totalCents: 6000 }, "totalCents"],
      ["items that are not the sum of the lines", { itemsCents: 4000, totalCents: 4900 }, "itemsCents"],
      ["no lines", { lines: [], itemsCents: 0, totalCents: 900 }, "lines"],
      ["a checkout id instead of its hash", { checkoutIdHash: "raw-cookie-value" }, "checkoutIdHash"],
      ["a malformed email", { email: "not an email" }, "email"],
    ])("refuses %s, naming the field, and records nothing", async (_what, overrides, field) => {
      const before = await db().$count(orders);
      const failure = await createPendingOrder(db(), { ...orderInput(), ...overrides } as never).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(InvalidLedgerInputError);
      expect((failure as InvalidLedgerInputError).fields).toContain(field);
      expect(await db().$count(orders)).toBe(before);
    });
  });

  describe("latestCheckoutOrder", () => {
    it("finds the checkout's newest order of this shopper whatever its status, and never another's", async () => {
      const checkoutIdHash = newCheckout();
      const email = newEmail();
      const { order: declined } = await createPendingOrder(db(), orderInput({ email, checkoutIdHash }));
      await recordAnswer(db(), declined.id, { kind: "declined", reason: "Card declined" });
      await nextTick();
      const { order: paid } = await createPendingOrder(db(), orderInput({ email, checkoutIdHash }));
      await recordAnswer(db(), paid.id, authorized(`ref-${paid.id}`));

      await expect(
        latestCheckoutOrder(db(), { checkoutIdHash, shopper: { guestEmail: email } }),
      ).resolves.toMatchObject({ id: paid.id, status: "authorized" });
      // Another guest at the same browser, a signed-in shopper, the same guest at another browser.
      for (const query of [
        { checkoutIdHash, shopper: { guestEmail: newEmail() } },
        { checkoutIdHash, shopper: { sub: newSub() } },
        { checkoutIdHash: newCheckout(), shopper: { guestEmail: email } },
      ]) {
        await expect(latestCheckoutOrder(db(), query)).resolves.toBeNull();
      }
    });
  });

  describe("renewGuestKey", () => {
    it("gives a guest's order a new link key; the one before opens nothing", async () => {
      const { order, guestKey } = await createPendingOrder(db(), orderInput());
      const renewed = await renewGuestKey(db(), order.id);
      expect(renewed).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(renewed).not.toBe(guestKey);
      await expect(getOrderForShopper(db(), order.id, { guestKey: renewed! })).resolves.toMatchObject({ id: order.id });
      await expect(getOrderForShopper(db(), order.id, { guestKey: guestKey! })).resolves.toBeNull();
    });

    it("gives none to a signed-in shopper's order, nor to an order that does not exist", async () => {
      const { order } = await createPendingOrder(db(), orderInput({ shopperSub: newSub() }));
      await expect(renewGuestKey(db(), order.id)).resolves.toBeNull();
      await expect(renewGuestKey(db(), newOrderId())).resolves.toBeNull();
    });
  });

  describe("getOrderForShopper", () => {
    it("opens a signed-in shopper's order to that shopper only", async () => {
      const sub = newSub();
      const { order } = await createPendingOrder(db(), orderInput({ shopperSub: sub }));

      await expect(getOrderForShopper(db(), order.id, { sub })).resolves.toMatchObject({ id: order.id });
      await expect(getOrderForShopper(db(), order.id, { sub: newSub() })).resolves.toBeNull();
    });

    it("opens a guest's order with its own key only", async () => {
      const { order, guestKey } = await createPendingOrder(db(), orderInput());
      const other = await createPendingOrder(db(), orderInput());

      await expect(getOrderForShopper(db(), order.id, { guestKey: guestKey! })).resolves.toMatchObject({
        id: order.id,
      });
      await expect(getOrderForShopper(db(), order.id, { guestKey: other.guestKey! })).resolves.toBeNull();
      await expect(getOrderForShopper(db(), order.id, { guestKey: "A".repeat(43) })).resolves.toBeNull();
    });

    it("opens a guest's order to the browser that placed it, with the email typed there", async () => {
      const email = newEmail();
      const checkoutIdHash = newCheckout();
      const { order } = await createPendingOrder(db(), orderInput({ email, checkoutIdHash }));

      await expect(getOrderForShopper(db(), order.id, { checkoutIdHash, guestEmail: email })).resolves.toMatchObject({
        id: order.id,
      });
      await expect(getOrderForShopper(db(), order.id, { checkoutIdHash, guestEmail: newEmail() })).resolves.toBeNull();
      await expect(
        getOrderForShopper(db(), order.id, { checkoutIdHash: newCheckout(), guestEmail: email }),
      ).resolves.toBeNull();
    });

    it("never opens a signed-in shopper's order as a guest's, nor a guest's to a signed-in shopper", async () => {
      const sub = newSub();
      const email = newEmail();
      const checkoutIdHash = newCheckout();
      const { order: signedIn } = await createPendingOrder(
        db(),
        orderInput({ shopperSub: sub, email, checkoutIdHash }),
      );
      const { order: guest } = await createPendingOrder(db(), orderInput({ email, checkoutIdHash }));

      await expect(getOrderForShopper(db(), signedIn.id, { checkoutIdHash, guestEmail: email })).resolves.toBeNull();
      await expect(getOrderForShopper(db(), guest.id, { sub })).resolves.toBeNull();
    });

    it("answers null for an order that does not exist or an id that is not one", async () => {
      await expect(getOrderForShopper(db(), "000000000000", { sub: newSub() })).resolves.toBeNull();
      await expect(getOrderForShopper(db(), "'; drop table orders; --", { sub: newSub() })).resolves.toBeNull();
    });

    it("refuses a viewer that names nobody: the id alone opens nothing", async () => {
      const { order } = await createPendingOrder(db(), orderInput());
      await expect(getOrderForShopper(db(), order.id, {} as never)).rejects.toBeInstanceOf(InvalidLedgerInputError);
      await expect(getOrderForShopper(db(), order.id, { guestKey: "" })).rejects.toBeInstanceOf(
        InvalidLedgerInputError,
      );
    });
  });

  describe("listOrdersForShopper", () => {
    it("lists a shopper's orders newest first, a page at a time, and no one else's", async () => {
      const sub = newSub();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        await nextTick();
        ids.unshift((await createPendingOrder(db(), orderInput({ shopperSub: sub }))).order.id);
      }
      await createPendingOrder(db(), orderInput({ shopperSub: newSub() }));

      const first = await listOrdersForShopper(db(), sub, { limit: 2 });
      const second = await listOrdersForShopper(db(), sub, { limit: 2, before: first.next! });
      const third = await listOrdersForShopper(db(), sub, { limit: 2, before: second.next! });

      expect([first, second, third].flatMap((page) => page.orders.map((order) => order.id))).toEqual(ids);
      expect(third.next).toBeNull();
      await expect(listOrdersForShopper(db(), sub, { limit: 5 })).resolves.toMatchObject({ next: null });
    });

    it("pages back towards the newest orders, with the same pages as on the way down", async () => {
      const sub = newSub();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        await nextTick();
        ids.unshift((await createPendingOrder(db(), orderInput({ shopperSub: sub }))).order.id);
      }
      const idsOf = (page: OrderPage) => page.orders.map((order) => order.id);

      const first = await listOrdersForShopper(db(), sub, { limit: 2 });
      const second = await listOrdersForShopper(db(), sub, { limit: 2, before: first.next! });
      const third = await listOrdersForShopper(db(), sub, { limit: 2, before: second.next! });
      expect([first.previous, second.previous, third.previous]).toEqual([null, ids[2], ids[4]]);

      const backToSecond = await listOrdersForShopper(db(), sub, { limit: 2, after: third.previous! });
      expect(backToSecond).toEqual(second);
      const backToFirst = await listOrdersForShopper(db(), sub, { limit: 2, after: backToSecond.previous! });
      expect(idsOf(backToFirst)).toEqual(idsOf(first));
      expect(backToFirst).toMatchObject({ previous: null, next: first.next });
    });

    it("pages by any size: each page's cursor is its last order, on the way down and back", async () => {
      const sub = newSub();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        await nextTick();
        ids.unshift((await createPendingOrder(db(), orderInput({ shopperSub: sub }))).order.id);
      }

      const first = await listOrdersForShopper(db(), sub, { limit: 3 });
      const second = await listOrdersForShopper(db(), sub, { limit: 3, before: first.next! });
      expect(first).toMatchObject({ next: ids[2], previous: null });
      expect(second).toMatchObject({ next: null, previous: ids[3] });

      const back = await listOrdersForShopper(db(), sub, { limit: 3, after: second.previous! });
      expect(back).toEqual(first);
    });

    it("refuses a page asked for both before and after one order", async () => {
      const id = (await createPendingOrder(db(), orderInput({ shopperSub: newSub() }))).order.id;
      await expect(listOrdersForShopper(db(), newSub(), { limit: 2, before: id, after: id })).rejects.toBeInstanceOf(
        InvalidLedgerInputError,
      );
    });

    it("gives nothing for a cursor taken from another shopper's order", async () => {
      const sub = newSub();
      await createPendingOrder(db(), orderInput({ shopperSub: sub }));
      const { order: theirs } = await createPendingOrder(db(), orderInput({ shopperSub: newSub() }));

      await expect(listOrdersForShopper(db(), sub, { limit: 10, before: theirs.id })).resolves.toEqual({
        orders: [],
        next: null,
        previous: null,
      });
      await expect(listOrdersForShopper(db(), sub, { limit: 10, after: theirs.id })).resolves.toEqual({
        orders: [],
        next: null,
        previous: null,
      });
    });
  });

  describe("orderTimeline", () => {
    it("tells an order's story oldest first", async () => {
      const { order } = await createPendingOrder(db(), orderInput());
      await recordAnswer(db(), order.id, { kind: "unconfirmed", reason: "Bolt did not answer in time" });
      await recordAnswer(db(), order.id, authorized(`ref-${order.id}`), { source: "reconciler" });

      const events = await orderTimeline(db(), order.id);
      expect(events.map(({ type, source, statusFrom, statusTo }) => ({ type, source, statusFrom, statusTo }))).toEqual([
        { type: "created", source: "storefront", statusFrom: null, statusTo: "pending" },
        { type: "unconfirmed", source: "storefront", statusFrom: "pending", statusTo: "unconfirmed" },
        { type: "authorized", source: "reconciler", statusFrom: "unconfirmed", statusTo: "authorized" },
      ]);
    });
  });

  describe("forgetShopper", () => {
    it("anonymises every order of a signed-in shopper, keeping the amounts and the story", async () => {
      const sub = newSub();
      const { order: answered } = await createPendingOrder(db(), orderInput({ shopperSub: sub }));
      await recordAnswer(db(), answered.id, authorized(`ref-${answered.id}`));
      const { order: waiting } = await createPendingOrder(db(), orderInput({ shopperSub: sub }));
      await putPaymentRequest(db(), waiting.id, "sealed-request");
      const { order: someoneElses } = await createPendingOrder(db(), orderInput({ shopperSub: newSub() }));

      await expect(forgetShopper(db(), { sub })).resolves.toBe(2);

      for (const id of [answered.id, waiting.id]) {
        const [row] = await db().select().from(orders).where(eq(orders.id, id));
        expect(row).toMatchObject({
          shopperSub: null,
          email: null,
          shipTo: null,
          cardNetwork: null,
          cardLast4: null,
          checkoutIdHash: null,
          guestKeyHash: null,
          totalCents: 5900,
        });
        expect((await orderTimeline(db(), id)).at(-1)).toMatchObject({ type: "forgotten", source: "merchant" });
      }
      const [kept] = await db().select().from(orders).where(eq(orders.id, answered.id));
      expect(kept).toMatchObject({ status: "authorized", boltReference: `ref-${answered.id}` });
      await expect(takePaymentRequest(db(), waiting.id)).resolves.toBeNull();
      await expect(listOrdersForShopper(db(), sub, { limit: 10 })).resolves.toMatchObject({ orders: [] });
      const [untouched] = await db().select().from(orders).where(eq(orders.id, someoneElses.id));
      expect(untouched?.email).not.toBeNull();
    });

    it("anonymises a guest's orders by email, after which their order link opens nothing", async () => {
      const email = newEmail();
      const { order, guestKey } = await createPendingOrder(db(), orderInput({ email }));

      await expect(forgetShopper(db(), { email: email.toUpperCase() })).resolves.toBe(1);
      await expect(getOrderForShopper(db(), order.id, { guestKey: guestKey! })).resolves.toBeNull();
      await expect(forgetShopper(db(), { email })).resolves.toBe(0);
    });
  });
});
