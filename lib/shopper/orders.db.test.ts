import { describe, expect, it } from "vitest";
import { createPendingOrder, newOrderId } from "@/lib/ledger";
import { newSub, orderInput, useTestDatabase } from "@/lib/ledger/testing/orders";
import { findViewableOrder, guestOrderPath } from "./orders";

// Who may open an order page, on a real ledger. Every refusal is the same null: the page shows one
// "we can't show this order" whatever the reason, so it can't be used to learn which ids exist.

describe("findViewableOrder", () => {
  const db = useTestDatabase("PGlite");
  const nobody = { granted: [] };
  const signedInOrder = async (sub = newSub()) => ({
    sub,
    order: (await createPendingOrder(db(), orderInput({ shopperSub: sub }))).order,
  });
  const guestOrder = async () => {
    const { order, guestKey } = await createPendingOrder(db(), orderInput());
    return { order, guestKey: guestKey! };
  };

  it("shows signed-in shoppers their own order, by Bolt sub, with no link to keep", async () => {
    const { sub, order } = await signedInOrder();
    await expect(findViewableOrder(db(), order.id, { sub, granted: [] })).resolves.toEqual({ order, link: null });
  });

  it("shows another signed-in shopper nothing", async () => {
    const { order } = await signedInOrder();
    await expect(findViewableOrder(db(), order.id, { sub: newSub(), granted: [] })).resolves.toBeNull();
  });

  it("shows a guest their order in the browser that placed it, with the link to keep", async () => {
    const { order, guestKey } = await guestOrder();
    const granted = [{ orderId: order.id, guestKey }];
    await expect(findViewableOrder(db(), order.id, { granted })).resolves.toEqual({
      order,
      link: `/orders/${order.id}?key=${guestKey}`,
    });
  });

  it("shows a guest's order to anyone with its link, signed in or not", async () => {
    const { order, guestKey } = await guestOrder();
    const viewable = { order, link: guestOrderPath(order.id, guestKey) };
    await expect(findViewableOrder(db(), order.id, { granted: [], key: guestKey })).resolves.toEqual(viewable);
    await expect(findViewableOrder(db(), order.id, { sub: newSub(), granted: [], key: guestKey })).resolves.toEqual(
      viewable,
    );
  });

  it("opens nothing with the id alone: not a guest's order, not a shopper's", async () => {
    const guest = await guestOrder();
    const { order } = await signedInOrder();
    await expect(findViewableOrder(db(), guest.order.id, nobody)).resolves.toBeNull();
    await expect(findViewableOrder(db(), order.id, nobody)).resolves.toBeNull();
    await expect(findViewableOrder(db(), guest.order.id, { sub: newSub(), granted: [] })).resolves.toBeNull();
  });

  it("refuses a wrong key: another order's, one this browser holds for another order, a made-up one", async () => {
    const { order } = await guestOrder();
    const other = await guestOrder();
    const madeUp = "A".repeat(43);
    await expect(findViewableOrder(db(), order.id, { granted: [], key: other.guestKey })).resolves.toBeNull();
    await expect(
      findViewableOrder(db(), order.id, { granted: [{ orderId: other.order.id, guestKey: other.guestKey }] }),
    ).resolves.toBeNull();
    await expect(
      findViewableOrder(db(), order.id, { granted: [{ orderId: order.id, guestKey: other.guestKey }] }),
    ).resolves.toBeNull();
    await expect(findViewableOrder(db(), order.id, { granted: [], key: madeUp })).resolves.toBeNull();
  });

  it("treats a malformed key or id as no access rather than an error", async () => {
    const { order, guestKey } = await guestOrder();
    for (const key of ["", "key-0", "' or 1=1 --", `${guestKey}x`])
      await expect(findViewableOrder(db(), order.id, { granted: [], key })).resolves.toBeNull();
    for (const id of ["", "../admin", order.id.toLowerCase(), `${order.id}0`])
      await expect(findViewableOrder(db(), id, { granted: [], key: guestKey })).resolves.toBeNull();
  });

  it("shows an unknown id as it shows someone else's order", async () => {
    const { sub } = await signedInOrder();
    const { guestKey } = await guestOrder();
    await expect(findViewableOrder(db(), newOrderId(), { sub, granted: [], key: guestKey })).resolves.toBeNull();
  });

  it("finds a guest order through the link even when this browser holds a stale key for it", async () => {
    const { order, guestKey } = await guestOrder();
    const stale = (await guestOrder()).guestKey;
    await expect(
      findViewableOrder(db(), order.id, { granted: [{ orderId: order.id, guestKey: stale }], key: guestKey }),
    ).resolves.toEqual({ order, link: guestOrderPath(order.id, guestKey) });
  });
});
