import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { BoltTransaction } from "@/lib/bolt/types";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { InvalidLedgerInputError } from "./errors";
import { useTestDatabase } from "./testing/orders";
import { keepUnmatchedEvent, listUnmatchedEvents, markUnmatchedHandled } from "./unmatched";

const payment = (): BoltTransaction => ({
  reference: randomBytes(6).toString("hex").toUpperCase(),
  orderReference: "elsewhere-1042",
  state: "completed",
  currency: "USD",
  authorizedCents: 4200,
  capturedCents: 4200,
  refundedCents: 0,
});

describe.each(TEST_DATABASES)("the inbox of unmatched events on %s", (kind) => {
  const db = useTestDatabase(kind);

  it("keeps an event once per key, with its facts, newest first", async () => {
    const first = payment();
    const second = payment();
    expect(
      await keepUnmatchedEvent(db(), { type: "capture", transaction: first, dedupeKey: `k-${first.reference}` }),
    ).toBe(true);
    expect(
      await keepUnmatchedEvent(db(), { type: "capture", transaction: first, dedupeKey: `k-${first.reference}` }),
    ).toBe(false);
    await keepUnmatchedEvent(db(), { type: "auth", transaction: second, dedupeKey: `k-${second.reference}` });

    const { events } = await listUnmatchedEvents(db(), { limit: 100 });
    const ours = events.filter((event) => [first.reference, second.reference].includes(event.reference));
    expect(ours.map((event) => event.reference)).toEqual([second.reference, first.reference]);
    expect(ours[1]).toMatchObject({
      type: "capture",
      orderReference: "elsewhere-1042",
      amountCents: 4200,
      currency: "USD",
      detail: { boltState: "completed", capturedCents: 4200, refundedCents: 0 },
      handledAt: null,
    });
  });

  it("pages through the list, and drops what the merchant handled from it", async () => {
    const kept: string[] = [];
    for (let i = 0; i < 3; i++) {
      const view = payment();
      await keepUnmatchedEvent(db(), { type: "void", transaction: view, dedupeKey: `page-${view.reference}` });
      kept.push(view.reference);
    }
    const firstPage = await listUnmatchedEvents(db(), { limit: 2 });
    expect(firstPage.events).toHaveLength(2);
    expect(firstPage.next).toBe(firstPage.events[1]!.id);
    const secondPage = await listUnmatchedEvents(db(), { limit: 2, before: firstPage.next! });
    expect(secondPage.events[0]!.id).toBeLessThan(firstPage.events[1]!.id);

    const newest = firstPage.events[0]!;
    expect(await markUnmatchedHandled(db(), newest.id)).toBe(true);
    expect(await markUnmatchedHandled(db(), newest.id)).toBe(false);
    const after = await listUnmatchedEvents(db(), { limit: 100 });
    expect(after.events.map((event) => event.id)).not.toContain(newest.id);
  });

  it("keeps a refund Bolt sent without our order's id, with the refund's own reference and amount", async () => {
    const view = { ...payment(), orderReference: undefined, refundedCents: 3000 };
    const refund = { ...view, refund: { reference: `RF${view.reference}`, amountCents: 1000 } };
    await keepUnmatchedEvent(db(), { type: "credit", transaction: refund, dedupeKey: `refund-${view.reference}` });
    const { events } = await listUnmatchedEvents(db(), { limit: 100 });
    expect(events.find((event) => event.reference === view.reference)).toMatchObject({
      type: "credit",
      orderReference: null,
      amountCents: 1000,
      detail: { refundReference: `RF${view.reference}`, refundedCents: 3000 },
    });
  });

  describe("a page at a time", () => {
    const own = useTestDatabase(kind);

    it("ends each page on its last event, and the last page has no next", async () => {
      for (let i = 0; i < 4; i++) {
        const view = payment();
        await keepUnmatchedEvent(own(), { type: "void", transaction: view, dedupeKey: `own-${view.reference}` });
      }
      const all = (await listUnmatchedEvents(own(), { limit: 4 })).events.map((event) => event.id);
      expect(await listUnmatchedEvents(own(), { limit: 4 })).toMatchObject({ next: null });

      const first = await listUnmatchedEvents(own(), { limit: 3 });
      expect(first.events.map((event) => event.id)).toEqual(all.slice(0, 3));
      expect(first.next).toBe(all[2]);
      const second = await listUnmatchedEvents(own(), { limit: 3, before: first.next! });
      expect(second).toMatchObject({ events: [{ id: all[3] }], next: null });
    });
  });

  it("refuses values it cannot keep", async () => {
    await expect(
      keepUnmatchedEvent(db(), { type: "capture", transaction: { ...payment(), capturedCents: -1 }, dedupeKey: "x" }),
    ).rejects.toBeInstanceOf(InvalidLedgerInputError);
  });
});
