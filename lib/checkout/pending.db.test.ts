import { afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/client";
import { LedgerUnavailableError } from "@/lib/db/errors";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { createPendingOrder, recordAnswer } from "@/lib/ledger";
import { hashCheckoutId } from "@/lib/ledger/secrets";
import { newSub, orderInput, useTestDatabase } from "@/lib/ledger/testing/orders";
import { newCheckoutId } from "./checkout-id";
import { pendingOrderOf } from "./pending";

// The process's database is the test's, or fails as the test says.
const database = vi.hoisted(() => ({ open: undefined as undefined | (() => Promise<Database>) }));
vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db")>()),
  getDatabase: () => database.open!(),
}));

describe.each(TEST_DATABASES)("the checkout's pending-payment notice on %s", (kind) => {
  const db = useTestDatabase(kind);
  afterEach(() => {
    database.open = async () => db();
  });

  /** A browser's checkout and an order it placed, whose answer never came. */
  async function placedHere(shopperSub: string | null) {
    database.open = async () => db();
    const checkoutId = newCheckoutId();
    const { order } = await createPendingOrder(
      db(),
      orderInput({ shopperSub, checkoutIdHash: hashCheckoutId(checkoutId), totalCents: 5900 }),
    );
    return { checkoutId, order };
  }

  it("shows the signed-in shopper the total of this checkout's order still waiting for Bolt's answer", async () => {
    const sub = newSub();
    const { checkoutId } = await placedHere(sub);
    await expect(pendingOrderOf(checkoutId, sub)).resolves.toEqual({ total: 5900 });
  });

  it("still shows an order confirmed since in the background, which the check then opens", async () => {
    const sub = newSub();
    const { checkoutId, order } = await placedHere(sub);
    await recordAnswer(db(), order.id, { kind: "authorized", boltReference: `R-${order.id}`, amountCents: 5900 });
    await expect(pendingOrderOf(checkoutId, sub)).resolves.toEqual({ total: order.totalCents });
  });

  it("shows nothing once Bolt declined it: nothing was charged, the cart stays to pay again", async () => {
    const sub = newSub();
    const { checkoutId, order } = await placedHere(sub);
    await recordAnswer(db(), order.id, { kind: "declined", reason: "Card declined" });
    await expect(pendingOrderOf(checkoutId, sub)).resolves.toBeUndefined();
  });

  it("shows another shopper at the same browser nothing of it", async () => {
    const { checkoutId } = await placedHere(newSub());
    await expect(pendingOrderOf(checkoutId, newSub())).resolves.toBeUndefined();
  });

  it("shows a guest nothing: the next person at a shared browser must not see another guest's payment", async () => {
    const { checkoutId } = await placedHere(null);
    await expect(pendingOrderOf(checkoutId, undefined)).resolves.toBeUndefined();
  });

  it("shows nothing without this browser's checkout id, or with one the storefront never made", async () => {
    const sub = newSub();
    const { checkoutId } = await placedHere(sub);
    await expect(pendingOrderOf(undefined, sub)).resolves.toBeUndefined();
    await expect(pendingOrderOf(hashCheckoutId(checkoutId), sub)).resolves.toBeUndefined();
    await expect(pendingOrderOf(newCheckoutId(), sub)).resolves.toBeUndefined();
  });

  it("renders without the notice while the ledger is out of reach", async () => {
    const sub = newSub();
    const { checkoutId } = await placedHere(sub);
    database.open = async () => {
      throw new LedgerUnavailableError("open the database");
    };
    await expect(pendingOrderOf(checkoutId, sub)).resolves.toBeUndefined();
  });

  it("lets any other failure through: a bug is not an empty notice", async () => {
    const sub = newSub();
    const { checkoutId } = await placedHere(sub);
    const bug = new TypeError("a bug");
    database.open = async () => {
      throw bug;
    };
    await expect(pendingOrderOf(checkoutId, sub)).rejects.toBe(bug);
  });
});
