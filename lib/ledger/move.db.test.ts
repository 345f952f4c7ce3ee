import { describe, expect, it, vi } from "vitest";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { createPendingOrder } from "./orders";
import { recordAnswer } from "./answers";
import { applyTransaction, getOrder } from "./settlement";
import { orderInput, useTestDatabase } from "./testing/orders";

describe.each(TEST_DATABASES)("an order's moves on %s", (kind) => {
  const db = useTestDatabase(kind);

  it("runs from every copy of the ledger's code that Next's bundles load, on one database", async () => {
    const [first, second] = [
      await createPendingOrder(db(), orderInput()),
      await createPendingOrder(db(), orderInput()),
    ];
    // Two bundles' copies, each first preparing a move of its own shape.
    const copies = [];
    for (let copy = 0; copy < 2; copy++) {
      vi.resetModules();
      copies.push(await import("./answers"));
    }
    await copies[0]!.recordAnswer(
      db(),
      second.order.id,
      { kind: "declined", reason: "Card declined" },
      {
        seen: second.order,
      },
    );
    await copies[1]!.recordAnswer(
      db(),
      first.order.id,
      { kind: "unconfirmed", reason: "Timed out" },
      {
        seen: first.order,
      },
    );
    const unconfirmed = (await getOrder(db(), first.order.id))!;
    await copies[0]!.recordAnswer(
      db(),
      first.order.id,
      { kind: "authorized", boltReference: "REF1", amountCents: 5900 },
      { seen: unconfirmed },
    );

    expect(await getOrder(db(), first.order.id)).toMatchObject({ status: "authorized", boltReference: "REF1" });
    expect(await getOrder(db(), second.order.id)).toMatchObject({ status: "declined" });
  });

  it("dates each change on the database's clock; a re-read that only clears its schedule dates nothing", async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    const { order } = await createPendingOrder(db(), orderInput());
    await tick();
    const answered = (
      await recordAnswer(
        db(),
        order.id,
        { kind: "authorized", boltReference: "REF2", amountCents: 5900 },
        { seen: order },
      )
    ).order;
    await tick();
    const captured = {
      reference: "REF2",
      state: "completed",
      authorizedCents: 5900,
      capturedCents: 5900,
      refundedCents: 0,
    } as const;
    const settled = await applyTransaction(db(), order.id, captured, {
      source: "webhook",
      eventType: "capture",
      dedupeKey: "capture:REF2:5900",
      recheckInMs: 60_000,
      seen: answered,
    });
    await tick();
    const reread = await applyTransaction(db(), order.id, captured, {
      source: "reconciler",
      onlyIfChanged: true,
      recheckInMs: null,
      seen: settled.order,
    });

    expect(answered.updatedAt.getTime()).toBeGreaterThan(order.updatedAt.getTime());
    expect(settled.order.updatedAt.getTime()).toBeGreaterThan(answered.updatedAt.getTime());
    expect(settled.order.nextCheckAt).not.toBeNull();
    expect(reread.order).toMatchObject({ updatedAt: settled.order.updatedAt, nextCheckAt: null });
  });
});
