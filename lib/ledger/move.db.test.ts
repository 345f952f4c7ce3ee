import { describe, expect, it, vi } from "vitest";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { createPendingOrder } from "./orders";
import { getOrder } from "./settlement";
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
});
