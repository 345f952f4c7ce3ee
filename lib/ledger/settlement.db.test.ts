import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BoltTransaction } from "@/lib/bolt/types";
import { orders } from "@/lib/db/schema";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { recordAnswer } from "./answers";
import { InvalidLedgerInputError, OrderNotFoundError } from "./errors";
import { createPendingOrder, orderTimeline } from "./orders";
import { putPaymentRequest, takePaymentRequest } from "./payment-requests";
import { applyTransaction, claimDueForSync, findEventOrder, getOrder, postponeSync } from "./settlement";
import { transactionEventKey } from "./settlement-state";
import { orderInput, useTestDatabase } from "./testing/orders";

const MINUTE = 60_000;
const newReference = () => randomBytes(6).toString("hex").toUpperCase();

/** Bolt's view of the order's payment; amounts as the test orders' (59.00). */
function bolt(reference: string, change: Partial<BoltTransaction> = {}): BoltTransaction {
  return { reference, state: "authorized", authorizedCents: 5900, capturedCents: 0, refundedCents: 0, ...change };
}

/** Applied from the order under its row lock, or in one statement from the order as its caller read it. */
const WAYS = ["under the row lock", "from the order as its caller read it"] as const;

const captured = (reference: string, cents = 5900) => bolt(reference, { state: "completed", capturedCents: cents });
/** Captured in full, `refundedCents` refunded in all, the latest refund being `refund`. */
const refunded = (reference: string, refundedCents: number, refund: { reference: string; amountCents: number }) =>
  bolt(reference, { state: "completed", capturedCents: 5900, refundedCents, refund });

describe.each(TEST_DATABASES)("settlement on %s", (kind) => {
  const db = useTestDatabase(kind);
  const pending = async () => (await createPendingOrder(db(), orderInput())).order;

  /** An order Bolt authorized, as the checkout records it. */
  async function authorized() {
    const order = await pending();
    const reference = newReference();
    await recordAnswer(db(), order.id, { kind: "authorized", boltReference: reference, amountCents: 5900 });
    return { id: order.id, reference };
  }

  /** Applies as a caller with or without the order it just read; a webhook with its type's natural key. */
  function applying(way: (typeof WAYS)[number]) {
    const apply = async (id: string, view: BoltTransaction, options: Parameters<typeof applyTransaction>[3]) =>
      applyTransaction(db(), id, view, {
        ...options,
        ...(way === WAYS[0] ? {} : { seen: (await getOrder(db(), id)) ?? undefined }),
      });
    const webhook = (id: string, type: string, view: BoltTransaction) =>
      apply(id, view, { source: "webhook", eventType: type, dedupeKey: transactionEventKey(type, view) });
    return { apply, webhook };
  }
  const { webhook } = applying(WAYS[0]);

  describe.each(WAYS)("%s", (way) => {
    const { apply, webhook } = applying(way);

    describe("applyTransaction", () => {
      it("moves the order along Bolt's view, writes its amounts, and adds exactly one event", async () => {
        const { id, reference } = await authorized();
        const before = (await orderTimeline(db(), id)).length;

        const { order, moved, duplicate } = await webhook(id, "capture", captured(reference, 2000));

        expect([moved, duplicate]).toEqual([true, false]);
        expect(order).toMatchObject({
          status: "captured",
          capturedCents: 2000,
          refundedCents: 0,
          authorizedCents: 5900,
        });
        const events = await orderTimeline(db(), id);
        expect(events).toHaveLength(before + 1);
        expect(events.at(-1)).toMatchObject({
          type: "capture",
          source: "webhook",
          statusFrom: "authorized",
          statusTo: "captured",
          amountCents: 2000,
          dedupeKey: `capture:${reference}:2000`,
          detail: { boltReference: reference, boltState: "completed", capturedCents: 2000, refundedCents: 0 },
        });
      });

      it("changes nothing and adds no row for a second delivery of the same event", async () => {
        const { id, reference } = await authorized();
        await webhook(id, "capture", captured(reference));
        const events = await orderTimeline(db(), id);
        const order = await getOrder(db(), id);

        const again = await webhook(id, "capture", captured(reference));

        expect(again).toMatchObject({ moved: false, duplicate: true });
        expect(await orderTimeline(db(), id)).toEqual(events);
        expect(await getOrder(db(), id)).toEqual(order);
      });

      it("records a late event in the history without moving the order back", async () => {
        const { id, reference } = await authorized();
        await webhook(id, "capture", captured(reference));

        const late = await webhook(id, "auth", bolt(reference));

        expect(late).toMatchObject({
          moved: false,
          duplicate: false,
          order: { status: "captured", capturedCents: 5900 },
        });
        expect((await orderTimeline(db(), id)).at(-1)).toMatchObject({
          type: "auth",
          statusFrom: "captured",
          statusTo: null,
        });
      });

      it("adds nothing for a redelivered late event, though it would mark the order for a re-read", async () => {
        const { id, reference } = await authorized();
        await webhook(id, "capture", captured(reference));
        const late = { source: "webhook", eventType: "auth", dedupeKey: `auth:${reference}:5900` } as const;
        const first = await apply(id, bolt(reference), { ...late, recheckInMs: MINUTE });
        const events = await orderTimeline(db(), id);

        const again = await apply(id, bolt(reference), { ...late, recheckInMs: MINUTE });

        expect([first.duplicate, again.duplicate]).toEqual([false, true]);
        expect(await orderTimeline(db(), id)).toEqual(events);
        expect(again.order).toEqual(first.order);
      });

      it("takes a refund, then the rest of it, to refunded", async () => {
        const { id, reference } = await authorized();
        await webhook(id, "capture", captured(reference));
        const first = refunded(reference, 900, { reference: "RFND00000001", amountCents: 900 });
        expect((await webhook(id, "credit", first)).order).toMatchObject({
          status: "partially_refunded",
          refundedCents: 900,
        });
        expect((await orderTimeline(db(), id)).at(-1)).toMatchObject({
          type: "credit",
          amountCents: 900,
          detail: { refundReference: "RFND00000001" },
        });
        const reread = bolt(reference, { state: "completed", capturedCents: 5900, refundedCents: 5900 });
        const { order } = await apply(id, reread, { source: "reconciler", onlyIfChanged: true });
        expect(order).toMatchObject({ status: "refunded", refundedCents: 5900 });
        expect((await orderTimeline(db(), id)).at(-1)).toMatchObject({ type: "sync", source: "reconciler" });
      });

      it("keeps the merchant's note on the event, and refuses one too long to keep", async () => {
        const { id, reference } = await authorized();
        await webhook(id, "capture", captured(reference));
        const refund = bolt(reference, { state: "completed", capturedCents: 5900, refundedCents: 500 });
        const options = { source: "merchant", eventType: "credit" } as const;
        await apply(id, refund, { ...options, note: { reason: "Damaged in transit" } });
        expect((await orderTimeline(db(), id)).at(-1)).toMatchObject({
          source: "merchant",
          detail: { reason: "Damaged in transit", refundedCents: 500 },
        });
        await expect(apply(id, refund, { ...options, note: { reason: "x".repeat(501) } })).rejects.toBeInstanceOf(
          InvalidLedgerInputError,
        );
      });

      it("marks Bolt's echo of a merchant's refund as confirming it, and only that event", async () => {
        const { id, reference } = await authorized();
        await webhook(id, "capture", captured(reference));
        const refund = refunded(reference, 500, { reference: "RFND00000002", amountCents: 500 });
        await apply(id, refund, { source: "merchant", eventType: "credit" });
        await webhook(id, "credit", refund);
        const [capture, byMerchant, echo] = (await orderTimeline(db(), id)).slice(-3);
        expect(echo).toMatchObject({ source: "webhook", type: "credit", detail: { unchanged: true } });
        for (const event of [capture, byMerchant]) expect(event?.detail).not.toHaveProperty("unchanged");
      });

      it("with onlyIfChanged, adds no event when Bolt shows nothing new", async () => {
        const { id, reference } = await authorized();
        const events = await orderTimeline(db(), id);
        const same = await apply(id, bolt(reference), { source: "reconciler", onlyIfChanged: true });
        expect(same).toMatchObject({ moved: false, duplicate: false });
        expect(await orderTimeline(db(), id)).toEqual(events);
      });

      it("answers for an order still waiting for its answer, and forgets its sealed request", async () => {
        const order = await pending();
        await putPaymentRequest(db(), order.id, "sealed");
        const reference = newReference();

        const { order: after } = await webhook(order.id, "payment", captured(reference));

        expect(after).toMatchObject({ status: "captured", boltReference: reference, capturedCents: 5900 });
        await expect(takePaymentRequest(db(), order.id)).resolves.toBeNull();
        // The checkout's answer arrives afterwards: a late one, recorded, moving nothing.
        const answer = await recordAnswer(db(), order.id, {
          kind: "authorized",
          boltReference: reference,
          amountCents: 5900,
        });
        expect(answer.order.status).toBe("captured");
      });

      it("leaves an open order's checks and sealed request to the checkout while Bolt has decided nothing", async () => {
        const order = await pending();
        await putPaymentRequest(db(), order.id, "sealed");
        const reference = newReference();
        const undecided = bolt(reference, { state: "unknown", authorizedCents: undefined });

        const { order: after, moved } = await apply(order.id, undecided, {
          source: "webhook",
          eventType: "pending",
          recheckInMs: MINUTE,
        });

        expect(moved).toBe(false);
        expect(after).toMatchObject({ status: "pending", boltReference: reference, nextCheckAt: order.nextCheckAt });
        await expect(takePaymentRequest(db(), order.id)).resolves.toBe("sealed");
      });

      it("schedules no re-read from an event about another payment", async () => {
        const { id } = await authorized();
        const { order } = await apply(id, captured("SOMEONE0ELSE"), {
          source: "webhook",
          eventType: "capture",
          recheckInMs: MINUTE,
        });
        expect(order.nextCheckAt).toBeNull();
      });

      it("gives the order a new update time when anything changed: the desk's next form is a new operation", async () => {
        const { id, reference } = await authorized();
        const before = (await getOrder(db(), id))!;
        await new Promise((resolve) => setTimeout(resolve, 5));
        const { order } = await webhook(id, "auth", bolt(reference, { authorizedCents: 6000 }));
        expect(order).toMatchObject({ status: "authorized", authorizedCents: 6000 });
        expect(order.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
      });

      it("records, but takes nothing from, an event about another payment", async () => {
        const { id } = await authorized();
        const { order } = await webhook(id, "capture", captured("SOMEONE0ELSE"));
        expect(order).toMatchObject({ status: "authorized", capturedCents: 0 });
        expect((await orderTimeline(db(), id)).at(-1)).toMatchObject({ statusTo: null, detail: { foreign: true } });
      });

      it("marks a settled order for a re-read, and clears the mark", async () => {
        const { id, reference } = await authorized();
        const options = { source: "webhook", eventType: "capture" } as const;
        const marked = await apply(id, captured(reference), { ...options, recheckInMs: MINUTE });
        expect(marked.order.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + MINUTE / 2);
        const cleared = await apply(id, captured(reference), {
          source: "webhook",
          onlyIfChanged: true,
          recheckInMs: null,
        });
        expect(cleared.order.nextCheckAt).toBeNull();
      });

      it("serializes concurrent deliveries of one event: one row, one change", async () => {
        const { id, reference } = await authorized();
        const before = (await orderTimeline(db(), id)).length;
        const results = await Promise.all(Array.from({ length: 6 }, () => webhook(id, "capture", captured(reference))));
        expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
        expect(await orderTimeline(db(), id)).toHaveLength(before + 1);
      });

      it("refuses an unknown order, and values that do not fit, changing nothing", async () => {
        await expect(webhook("ZZZZZZZZZZZZ", "auth", bolt("R1"))).rejects.toBeInstanceOf(OrderNotFoundError);
        const { id, reference } = await authorized();
        const huge = captured(reference, 2 ** 40);
        await expect(webhook(id, "capture", huge)).rejects.toBeInstanceOf(InvalidLedgerInputError);
        expect(await getOrder(db(), id)).toMatchObject({ status: "authorized", capturedCents: 0 });
      });
    });
  });

  describe("findEventOrder", () => {
    it("finds the order by the id Bolt was given, else by the payment's reference", async () => {
      const { id, reference } = await authorized();
      const found = async (view: { reference: string; orderReference?: string }) =>
        (await findEventOrder(db(), view, "auth:X:5900"))?.order.id ?? null;
      await expect(found({ reference: "X", orderReference: id })).resolves.toBe(id);
      await expect(found({ reference })).resolves.toBe(id);
      await expect(found({ reference, orderReference: "not-ours" })).resolves.toBe(id);
      // An id of ours that names no order: the payment's reference still finds it.
      await expect(found({ reference, orderReference: "ZZZZZZZZZZZZ" })).resolves.toBe(id);
      await expect(found({ reference: "UNKNOWN00001" })).resolves.toBeNull();
    });

    it("reads the order as it is, and says whether this delivery's event is already recorded", async () => {
      const { id, reference } = await authorized();
      const view = captured(reference);
      const key = transactionEventKey("capture", view);
      expect(await findEventOrder(db(), view, key)).toEqual({ order: await getOrder(db(), id), duplicate: false });
      await webhook(id, "capture", view);
      expect(await findEventOrder(db(), { reference }, key)).toEqual({
        order: await getOrder(db(), id),
        duplicate: true,
      });
      expect(await findEventOrder(db(), { reference }, transactionEventKey("credit", view))).toMatchObject({
        duplicate: false,
      });
    });
  });

  describe("claimDueForSync and postponeSync", () => {
    const claim = async (now: Date, leaseMs = 10 * MINUTE) =>
      (await claimDueForSync(db(), now, 500, leaseMs)).map((order) => order.id);

    it("claims settled orders whose re-read is due, not the checkout's open ones, and each once a lease", async () => {
      const { id, reference } = await authorized();
      await applyTransaction(db(), id, captured(reference), { source: "webhook", recheckInMs: 1 });
      const open = await pending();
      await db()
        .update(orders)
        .set({ nextCheckAt: new Date(Date.now() - MINUTE) })
        .where(eq(orders.id, open.id));

      const later = new Date(Date.now() + 2 * MINUTE);
      const [first, second] = await Promise.all([claim(later), claim(later)]);
      expect([...first, ...second].filter((claimed) => claimed === id)).toEqual([id]);
      expect([...first, ...second]).not.toContain(open.id);
      // The claim's lease runs out: an instance that stopped mid-round leaves the order to the next one.
      expect(await claim(new Date(Date.now() + 30 * MINUTE))).toContain(id);

      await postponeSync(db(), id, 60 * MINUTE);
      // Not before the hour is up, though the last claim's ten-minute lease has run out by then.
      expect(await claim(new Date(Date.now() + 50 * MINUTE))).not.toContain(id);
      expect(await claim(new Date(Date.now() + 61 * MINUTE))).toContain(id);
    });
  });

  describe.each(WAYS)("%s", (way) => {
    const { apply, webhook } = applying(way);

    describe("in any order (property)", () => {
      it("ends in the same state, with one event per distinct delivery, whatever the order and duplicates", async () => {
        const names = ["auth", "capture-1", "capture-2", "credit-1", "credit-2", "reread"] as const;
        await fc.assert(
          fc.asyncProperty(
            fc.shuffledSubarray([...names], { minLength: names.length }),
            fc.array(fc.constantFrom(...names), { maxLength: 4 }),
            async (order, duplicates) => {
              const { id, reference } = await authorized();
              const refund = (n: number, cents: number) =>
                refunded(reference, cents, { reference: `${reference}-R${n}`, amountCents: cents });
              const deliver = (name: (typeof names)[number]) => {
                if (name === "reread") {
                  const now = bolt(reference, { state: "completed", capturedCents: 5900, refundedCents: 5900 });
                  return apply(id, now, { source: "webhook", onlyIfChanged: true });
                }
                const [type, view] = {
                  auth: ["auth", bolt(reference)],
                  "capture-1": ["capture", captured(reference, 2000)],
                  "capture-2": ["capture", captured(reference, 5900)],
                  "credit-1": ["credit", refund(1, 1000)],
                  "credit-2": ["credit", refund(2, 4900)],
                }[name] as [string, BoltTransaction];
                return webhook(id, type, view);
              };
              const before = await orderTimeline(db(), id);
              for (const name of [...order, ...duplicates]) await deliver(name);

              expect(await getOrder(db(), id)).toMatchObject({
                status: "refunded",
                capturedCents: 5900,
                refundedCents: 5900,
              });
              const added = (await orderTimeline(db(), id)).slice(before.length);
              expect(added.filter((event) => event.dedupeKey !== null)).toHaveLength(5);
              expect(added.filter((event) => event.type === "sync")).toHaveLength(1);
            },
          ),
          { numRuns: 12 },
        );
      });
    });
  });
});
