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

  it("refuses values it cannot keep", async () => {
    await expect(
      keepUnmatchedEvent(db(), { type: "capture", transaction: { ...payment(), capturedCents: -1 }, dedupeKey: "x" }),
    ).rejects.toBeInstanceOf(InvalidLedgerInputError);
  });
});
