import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { recordAnswer } from "./answers";
import { InvalidLedgerInputError } from "./errors";
import { listOrders, type MerchantListing } from "./merchant-orders";
import { type OrderPage } from "./order-pages";
import { createPendingOrder } from "./orders";
import { newSub, nextTick, orderInput, useTestDatabase } from "./testing/orders";

const idsOf = (page: OrderPage) => page.orders.map((order) => order.id);
const reference = () => randomBytes(6).toString("hex").toUpperCase();

describe.each(TEST_DATABASES)("the order desk's list on %s", (kind) => {
  describe("on a ledger of five orders", () => {
    const db = useTestDatabase(kind);

    it("lists every shopper's and guest's orders, newest first, a page at a time both ways", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const input = i % 2 === 0 ? orderInput() : orderInput({ shopperSub: newSub() });
        await nextTick();
        ids.unshift((await createPendingOrder(db(), input)).order.id);
      }

      const first = await listOrders(db(), { limit: 2 });
      const second = await listOrders(db(), { limit: 2, before: first.next! });
      const third = await listOrders(db(), { limit: 2, before: second.next! });
      expect([first, second, third].flatMap(idsOf)).toEqual(ids);
      expect([first.next, second.next, third.next]).toEqual([ids[1], ids[3], null]);
      expect([first.previous, second.previous, third.previous]).toEqual([null, ids[2], ids[4]]);

      const backToSecond = await listOrders(db(), { limit: 2, after: third.previous! });
      expect(backToSecond).toEqual(second);
      const backToFirst = await listOrders(db(), { limit: 2, after: backToSecond.previous! });
      expect(idsOf(backToFirst)).toEqual(idsOf(first));
      expect(backToFirst).toMatchObject({ previous: null, next: first.next });

      // Pages of another size end on their own last order, both ways.
      const firstOfThree = await listOrders(db(), { limit: 3 });
      const secondOfThree = await listOrders(db(), { limit: 3, before: firstOfThree.next! });
      expect([firstOfThree.next, secondOfThree.next, secondOfThree.previous]).toEqual([ids[2], null, ids[3]]);
      expect(await listOrders(db(), { limit: 3, after: secondOfThree.previous! })).toEqual(firstOfThree);
      // A page holding the last orders exactly has none after it; one past the oldest is empty.
      expect(await listOrders(db(), { limit: 5 })).toMatchObject({ next: null, previous: null });
      expect(await listOrders(db(), { limit: 2, before: ids[4] })).toEqual({ orders: [], next: null, previous: null });
    });
  });

  describe("filtered and searched", () => {
    const db = useTestDatabase(kind);
    const list = async (listing: MerchantListing) => idsOf(await listOrders(db(), listing));

    /** An order for `email`, moved to `status` by Bolt's answer; newer than the last. */
    async function order(email: string, status: "pending" | "authorized" | "in_review" | "declined" = "pending") {
      await nextTick();
      const { order: created } = await createPendingOrder(db(), orderInput({ email }));
      if (status === "authorized" || status === "in_review") {
        await recordAnswer(db(), created.id, { kind: status, boltReference: reference(), amountCents: 5900 });
      }
      if (status === "declined") await recordAnswer(db(), created.id, { kind: "declined", reason: "card declined" });
      return created.id;
    }

    it("keeps the orders of one status, newest first", async () => {
      const tag = randomBytes(4).toString("hex");
      const held = [await order(`held-a-${tag}@example.com`, "in_review")];
      await order(`paid-${tag}@example.com`, "authorized");
      held.unshift(await order(`held-b-${tag}@example.com`, "in_review"));
      await order(`declined-${tag}@example.com`, "declined");

      expect(await list({ limit: 10, status: "in_review", search: "held-" })).toEqual(held);
      const statuses = (await listOrders(db(), { limit: 100, status: "declined" })).orders.map((o) => o.status);
      expect(new Set(statuses)).toEqual(new Set(["declined"]));
    });

    it("finds an order by its id, typed in any case, and by the start of an email or the whole of it", async () => {
      const tag = randomBytes(4).toString("hex");
      const nora = await order(`nora.${tag}@example.com`);
      const noraAgain = await order(`nora.${tag}@example.com`, "authorized");
      const norbert = await order(`norbert.${tag}@example.com`);

      expect(await list({ limit: 10, search: nora.toLowerCase() })).toEqual([nora]);
      expect(await list({ limit: 10, search: ` NORA.${tag}@Example.com ` })).toEqual([noraAgain, nora]);
      expect(await list({ limit: 10, search: `nor` })).toEqual(expect.arrayContaining([norbert, noraAgain, nora]));
      expect(await list({ limit: 10, search: `norbert.${tag}` })).toEqual([norbert]);
      expect(await list({ limit: 10, search: `nora.${tag}@example.com`, status: "authorized" })).toEqual([noraAgain]);
      expect(await list({ limit: 10, search: `nobody-${tag}` })).toEqual([]);
    });

    it("reads % and _ in a search as the letters themselves", async () => {
      const tag = randomBytes(4).toString("hex");
      const underscore = await order(`a_b.${tag}@example.com`);
      await order(`axb.${tag}@example.com`);
      expect(await list({ limit: 10, search: `a_b.${tag}` })).toEqual([underscore]);
      expect(await list({ limit: 10, search: `%${tag}` })).toEqual([]);
    });

    it("pages within a filter, the cursor's neighbours being the filter's", async () => {
      const tag = randomBytes(4).toString("hex");
      const ours: string[] = [];
      for (let i = 0; i < 3; i++) {
        ours.unshift(await order(`page-${tag}@example.com`, "authorized"));
        await order(`page-${tag}@example.com`);
      }
      const first = await listOrders(db(), { limit: 2, status: "authorized", search: `page-${tag}` });
      const second = await listOrders(db(), {
        limit: 2,
        status: "authorized",
        search: `page-${tag}`,
        before: first.next!,
      });
      expect([...idsOf(first), ...idsOf(second)]).toEqual(ours);
      expect(second).toMatchObject({ next: null, previous: ours[2] });
    });

    it("offers no link to a neighbouring page whose orders have all left the filter since", async () => {
      const tag = randomBytes(4).toString("hex");
      const pendingOnly = (more: Partial<MerchantListing>) =>
        listOrders(db(), { limit: 1, status: "pending", search: `left-${tag}`, ...more });
      const older = await order(`left-${tag}@example.com`);
      const newer = await order(`left-${tag}@example.com`);
      expect(await pendingOnly({})).toMatchObject({ orders: [{ id: newer }], next: newer });

      // The newer order is paid while the merchant reads the next page: the way back would show nothing.
      await recordAnswer(db(), newer, { kind: "authorized", boltReference: reference(), amountCents: 5900 });
      expect(await pendingOnly({ before: newer })).toMatchObject({ orders: [{ id: older }], previous: null });

      // Paging back from the older order once it is paid: nothing pending lies beyond the newer one.
      const third = await order(`left-${tag}@example.com`);
      await recordAnswer(db(), older, { kind: "authorized", boltReference: reference(), amountCents: 5900 });
      expect(await pendingOnly({ after: older })).toMatchObject({ orders: [{ id: third }], next: null });
    });

    it("refuses an unknown status, a page both before and after an order, and a search too long for an email", async () => {
      const id = await order(`refusals@example.com`);
      const refused = [
        { limit: 10, status: "shipped" as never },
        { limit: 10, before: id, after: id },
        { limit: 10, search: "x".repeat(255) },
        { limit: 0 },
      ];
      for (const listing of refused) {
        await expect(listOrders(db(), listing)).rejects.toBeInstanceOf(InvalidLedgerInputError);
      }
    });
  });
});
