import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "@/lib/db/schema";
import { TEST_DATABASES } from "@/lib/db/testing/test-databases";
import { claimSend, dueForCheck, recordAnswer, releaseSend, stopChecking } from "./answers";
import { FIRST_CHECK_DELAY_MS } from "./check-schedule";
import { InvalidLedgerInputError, OrderNotFoundError } from "./errors";
import type { Answer } from "./inputs";
import { createPendingOrder, orderTimeline } from "./orders";
import { putPaymentRequest, takePaymentRequest } from "./payment-requests";
import { getOrder } from "./settlement";
import { canMove, ORDER_STATUSES } from "./status";
import { orderInput, useTestDatabase } from "./testing/orders";

const MINUTE = 60_000;
const authorized = (ref: string, amountCents = 5900): Answer => ({
  kind: "authorized",
  boltReference: ref,
  boltOrderNumber: `N-${ref}`,
  amountCents,
});
/** One answer of each kind for the order `id` (Bolt's references are unique across orders). */
const ANSWERS: ((id: string) => Answer)[] = [
  (id) => authorized(`R-${id}`),
  (id) => ({ kind: "in_review", boltReference: `R-${id}`, amountCents: 5900 }),
  () => ({ kind: "declined", reason: "Card declined" }),
  () => ({ kind: "unconfirmed", reason: "timeout" }),
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DATABASES)("answers on %s", (kind) => {
  const db = useTestDatabase(kind);
  const pending = async () => (await createPendingOrder(db(), orderInput())).order;

  // Every rule holds both ways: decided under the row lock, and in one statement from the order as its
  // sender last read it (the checkout's way).
  describe.each(["under the row lock", "from the order as its sender read it"])("recordAnswer, %s", (way) => {
    const record = async (orderId: string, answer: Answer, options: { source?: "bolt" | "reconciler" } = {}) =>
      recordAnswer(db(), orderId, answer, {
        ...options,
        ...(way === "under the row lock" ? {} : { seen: (await getOrder(db(), orderId)) ?? undefined }),
      });

    it("records an authorization: status, Bolt's reference and amount, one event, and the request is gone", async () => {
      const order = await pending();
      await putPaymentRequest(db(), order.id, "sealed");

      const { order: after, moved } = await record(order.id, authorized(`R-${order.id}`, 5900));

      expect(moved).toBe(true);
      expect(after).toMatchObject({
        status: "authorized",
        boltReference: `R-${order.id}`,
        boltOrderNumber: `N-R-${order.id}`,
        authorizedCents: 5900,
        nextCheckAt: null,
      });
      expect((await orderTimeline(db(), order.id)).at(-1)).toMatchObject({
        type: "authorized",
        source: "storefront",
        statusFrom: "pending",
        statusTo: "authorized",
        amountCents: 5900,
        detail: { boltReference: `R-${order.id}`, boltOrderNumber: `N-R-${order.id}` },
      });
      await expect(takePaymentRequest(db(), order.id)).resolves.toBeNull();
    });

    it("keeps Bolt's word that it made the guest an account, and an order without one says no", async () => {
      const withAccount = await pending();
      const without = await pending();
      const answer = { ...authorized(`R-${withAccount.id}`), accountCreated: true };

      const { order: after } = await record(withAccount.id, answer);
      const { order: plain } = await record(without.id, authorized(`R-${without.id}`));

      expect(withAccount.boltAccountCreated).toBe(false);
      expect(after.boltAccountCreated).toBe(true);
      expect(plain.boltAccountCreated).toBe(false);
      expect((await orderTimeline(db(), withAccount.id)).at(-1)?.detail).toMatchObject({ accountCreated: true });
    });

    it("names the card as Bolt's answer does when the card field named no network, and never renames one", async () => {
      const unnamed = (await createPendingOrder(db(), orderInput({ card: { network: null, last4: "1004" } }))).order;
      const named = await pending();
      const answer = (order: { id: string }) => ({ ...authorized(`R-${order.id}`), cardNetwork: "mastercard" });

      expect((await record(unnamed.id, answer(unnamed))).order.cardNetwork).toBe("mastercard");
      expect((await record(named.id, answer(named))).order.cardNetwork).toBe("visa");
    });

    it("records a decline with its reason, and forgets the request", async () => {
      const order = await pending();
      await putPaymentRequest(db(), order.id, "sealed");

      const { order: after } = await record(order.id, { kind: "declined", reason: "Insufficient funds" });

      expect(after.status).toBe("declined");
      expect((await orderTimeline(db(), order.id)).at(-1)).toMatchObject({
        type: "declined",
        statusTo: "declined",
        detail: { reason: "Insufficient funds" },
      });
      await expect(takePaymentRequest(db(), order.id)).resolves.toBeNull();
    });

    it("keeps an unconfirmed order's request and checks it later each time nothing is learned", async () => {
      const order = await pending();
      await putPaymentRequest(db(), order.id, "sealed");

      const first = await record(order.id, { kind: "unconfirmed", reason: "timeout" });
      const second = await recordAnswer(
        db(),
        order.id,
        { kind: "unconfirmed", reason: "409" },
        { source: "reconciler" },
      );

      expect(first).toMatchObject({ moved: true, order: { status: "unconfirmed", checkAttempts: 1 } });
      expect(second).toMatchObject({ moved: false, order: { status: "unconfirmed", checkAttempts: 2 } });
      const firstWait = first.order.nextCheckAt!.getTime() - first.order.updatedAt.getTime();
      const secondWait = second.order.nextCheckAt!.getTime() - second.order.updatedAt.getTime();
      expect(firstWait).toBeCloseTo(30_000, -2);
      expect(secondWait).toBeCloseTo(60_000, -2);
      expect((await orderTimeline(db(), order.id)).slice(1)).toMatchObject([
        { type: "unconfirmed", statusFrom: "pending", statusTo: "unconfirmed", detail: { reason: "timeout" } },
        { type: "unconfirmed", source: "reconciler", statusFrom: "unconfirmed", statusTo: null },
      ]);
      await expect(takePaymentRequest(db(), order.id)).resolves.toBe("sealed");

      const settled = await record(order.id, authorized(`R-${order.id}`), { source: "reconciler" });
      expect(settled).toMatchObject({ moved: true, order: { status: "authorized", nextCheckAt: null } });
    });

    it("changes nothing when the same final answer comes again", async () => {
      const order = await pending();
      const answer = authorized(`R-${order.id}`);
      const first = await record(order.id, answer);
      const second = await record(order.id, answer);

      expect(second).toEqual({ order: first.order, moved: false });
      expect(await orderTimeline(db(), order.id)).toHaveLength(2);
    });

    it("adds nothing when a decline comes again", async () => {
      const order = await pending();
      const decline = { kind: "declined", reason: "Insufficient funds" } as const;
      const first = await record(order.id, decline);
      const second = await record(order.id, decline, { source: "reconciler" });

      expect(second).toEqual({ order: first.order, moved: false });
      expect((await orderTimeline(db(), order.id)).map((event) => event.type)).toEqual(["created", "declined"]);
    });

    it("records a review: Bolt's reference and amount asked, nothing authorized yet, no further checks", async () => {
      const order = await pending();
      const review = { kind: "in_review", boltReference: `R-${order.id}`, amountCents: 5900 } as const;

      const { order: after } = await record(order.id, review, { source: "bolt" });

      expect(after).toMatchObject({
        status: "in_review",
        boltReference: `R-${order.id}`,
        authorizedCents: 0,
        nextCheckAt: null,
      });
      expect((await orderTimeline(db(), order.id)).at(-1)).toMatchObject({
        type: "in_review",
        amountCents: 5900,
        detail: { boltReference: `R-${order.id}` },
      });
    });

    it("checks a declined order no more", async () => {
      const order = await pending();
      await record(order.id, { kind: "unconfirmed", reason: "timeout" });

      const { order: after } = await record(order.id, { kind: "declined", reason: "Card declined" });

      expect(after).toMatchObject({ status: "declined", nextCheckAt: null, checkAttempts: 1 });
    });

    it("records 50 concurrent copies of one answer exactly once", async () => {
      const order = await pending();
      const answer = authorized(`R-${order.id}`);

      const results = await Promise.all(Array.from({ length: 50 }, () => record(order.id, answer)));

      expect(results.filter((result) => result.moved)).toHaveLength(1);
      const events = await orderTimeline(db(), order.id);
      expect(events.map((event) => event.type)).toEqual(["created", "authorized"]);
    });

    it("keeps a conflicting answer as an event that moves nothing", async () => {
      const order = await pending();
      await record(order.id, authorized(`R-${order.id}`));

      const other = await record(order.id, authorized(`OTHER-${order.id}`));

      expect(other).toMatchObject({ moved: false, order: { status: "authorized", boltReference: `R-${order.id}` } });
      expect((await orderTimeline(db(), order.id)).at(-1)).toMatchObject({
        type: "authorized",
        statusFrom: "authorized",
        statusTo: null,
        detail: { boltReference: `OTHER-${order.id}` },
      });
    });

    // Every status an order can be in, against every answer: the status follows canMove, never backwards.
    // (A status answered again with the same answer is the repeat case above.)
    const cases = ORDER_STATUSES.flatMap((status) =>
      ANSWERS.map((answer) => [status, answer("").kind, answer] as const).filter(([, kind]) => kind !== status),
    );
    it.each(cases)("from %s, answer %s moves only as the rules allow", async (status, kind, answerFor) => {
      const order = await pending();
      await db().update(orders).set({ status }).where(eq(orders.id, order.id));

      const { order: after, moved } = await record(order.id, answerFor(order.id));

      const allowed = canMove(status, kind);
      expect({ status: after.status, moved }).toEqual({ status: allowed ? kind : status, moved: allowed });
      const last = (await orderTimeline(db(), order.id)).at(-1);
      expect(last).toMatchObject({ type: kind, statusFrom: status, statusTo: allowed ? kind : null });
    });

    it("refuses an unknown order and a malformed answer", async () => {
      await expect(record("000000000000", authorized("R"))).rejects.toBeInstanceOf(OrderNotFoundError);
      const order = await pending();
      await expect(record(order.id, { kind: "authorized", boltReference: "", amountCents: 1 })).rejects.toBeInstanceOf(
        InvalidLedgerInputError,
      );
      await expect(record(order.id, { kind: "captured" } as unknown as Answer)).rejects.toBeInstanceOf(
        InvalidLedgerInputError,
      );
      expect(await orderTimeline(db(), order.id)).toHaveLength(1);
    });
  });

  describe("recordAnswer from a view that is out of date", () => {
    it("never moves an order the view thought pending once another answer has moved it", async () => {
      const seen = await pending();
      await recordAnswer(db(), seen.id, authorized(`R-${seen.id}`), { source: "bolt" });

      const late = await recordAnswer(db(), seen.id, { kind: "declined", reason: "Card declined" }, { seen });

      expect(late).toMatchObject({ moved: false, order: { status: "authorized", boltReference: `R-${seen.id}` } });
      expect((await orderTimeline(db(), seen.id)).at(-1)).toMatchObject({
        type: "declined",
        statusFrom: "authorized",
        statusTo: null,
      });
    });

    it("counts a check made meanwhile, so the next one waits as long as it should", async () => {
      const order = await pending();
      const { order: seen } = await recordAnswer(db(), order.id, { kind: "unconfirmed", reason: "timeout" });
      await recordAnswer(db(), order.id, { kind: "unconfirmed", reason: "409" }, { source: "reconciler" });

      const { order: after } = await recordAnswer(db(), order.id, { kind: "unconfirmed", reason: "timeout" }, { seen });

      expect(after.checkAttempts).toBe(3);
    });

    it("moves an order once when 20 different answers race from one view", async () => {
      const seen = await pending();
      const answers: Answer[] = Array.from({ length: 20 }, (_, i) =>
        i % 2 ? authorized(`R${i}-${seen.id}`) : { kind: "declined", reason: `decline ${i}` },
      );

      const results = await Promise.all(answers.map((answer) => recordAnswer(db(), seen.id, answer, { seen })));

      expect(results.filter((result) => result.moved)).toHaveLength(1);
      const [, ...answered] = await orderTimeline(db(), seen.id);
      expect(answered.filter((event) => event.statusTo !== null)).toHaveLength(1);
      expect(answered.slice(1).every((event) => event.statusFrom === answered[0]!.statusTo)).toBe(true);
    });
  });

  describe("claimSend and releaseSend", () => {
    it("lets one sender at a time hold an order, until it releases it", async () => {
      const order = await pending();
      await expect(claimSend(db(), order.id, MINUTE)).resolves.toBe(true);
      await expect(claimSend(db(), order.id, MINUTE)).resolves.toBe(false);
      await releaseSend(db(), order.id);
      await expect(claimSend(db(), order.id, MINUTE)).resolves.toBe(true);
    });

    it("gives exactly one of two simultaneous claims", async () => {
      const order = await pending();
      const claims = await Promise.all([claimSend(db(), order.id, MINUTE), claimSend(db(), order.id, MINUTE)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it("gives exactly one of 20 claims from 20 connections at once", async () => {
      const order = await pending();
      const claims = await Promise.all(Array.from({ length: 20 }, () => claimSend(db(), order.id, MINUTE)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it("frees a lock whose sender never released it once it expires", async () => {
      const order = await pending();
      await expect(claimSend(db(), order.id, 50)).resolves.toBe(true);
      await sleep(120);
      await expect(claimSend(db(), order.id, MINUTE)).resolves.toBe(true);
    });

    it("records what the claim is for with it, and nothing for a claim it refuses", async () => {
      const order = await pending();
      const claim = { type: "resent", source: "storefront" } as const;
      await expect(claimSend(db(), order.id, MINUTE, claim)).resolves.toBe(true);
      await expect(claimSend(db(), order.id, MINUTE, { type: "checked", source: "reconciler" })).resolves.toBe(false);
      expect((await orderTimeline(db(), order.id)).map((event) => [event.type, event.source])).toEqual([
        ["created", "storefront"],
        ["resent", "storefront"],
      ]);
    });

    it("is released by the answer its holder records, so the next click may resend at once", async () => {
      const order = await pending();
      await expect(claimSend(db(), order.id, MINUTE)).resolves.toBe(true);
      await recordAnswer(db(), order.id, { kind: "unconfirmed", reason: "timeout" });
      await expect(claimSend(db(), order.id, MINUTE)).resolves.toBe(true);
      await recordAnswer(db(), order.id, { kind: "unconfirmed", reason: "409" });
      await expect(claimSend(db(), order.id, MINUTE)).resolves.toBe(true);
    });

    it("never lets an order whose answer is known be sent again", async () => {
      const order = await pending();
      await recordAnswer(db(), order.id, { kind: "declined", reason: "Card declined" });
      await expect(claimSend(db(), order.id, MINUTE)).resolves.toBe(false);
    });
  });

  describe("stopChecking", () => {
    it("leaves an open order open but due no more, says why, and frees its lock", async () => {
      const order = await pending();
      await claimSend(db(), order.id, MINUTE);
      await stopChecking(db(), order.id, "Bolt no longer remembers the key");

      const due = await dueForCheck(db(), new Date(Date.now() + 24 * 60 * MINUTE), 500);
      expect(due.map((candidate) => candidate.id)).not.toContain(order.id);
      expect((await orderTimeline(db(), order.id)).at(-1)).toMatchObject({
        type: "checks_stopped",
        source: "reconciler",
        statusTo: null,
        detail: { reason: "Bolt no longer remembers the key" },
      });
      await expect(claimSend(db(), order.id, MINUTE)).resolves.toBe(true);
    });

    it("does nothing to an order whose answer is known", async () => {
      const order = await pending();
      await recordAnswer(db(), order.id, authorized(`R-${order.id}`));
      await stopChecking(db(), order.id, "too late");
      expect((await orderTimeline(db(), order.id)).map((event) => event.type)).toEqual(["created", "authorized"]);
    });
  });

  describe("dueForCheck", () => {
    it("hands the reconciler open orders whose check is due, and none that are answered", async () => {
      const waiting = await pending();
      const unconfirmed = await pending();
      await recordAnswer(db(), unconfirmed.id, { kind: "unconfirmed", reason: "timeout" });
      const answered = await pending();
      await recordAnswer(db(), answered.id, authorized(`R-${answered.id}`));

      const idsDue = async (at: Date) => (await dueForCheck(db(), at, 500)).map((order) => order.id);
      const now = Date.now();
      expect(await idsDue(new Date(now))).not.toEqual(expect.arrayContaining([waiting.id]));
      expect(await idsDue(new Date(now + MINUTE))).toEqual(expect.arrayContaining([unconfirmed.id]));
      expect(await idsDue(new Date(now + MINUTE))).not.toContain(waiting.id);
      const later = await idsDue(new Date(now + FIRST_CHECK_DELAY_MS + MINUTE));
      expect(later).toEqual(expect.arrayContaining([waiting.id, unconfirmed.id]));
      expect(later).not.toContain(answered.id);
    });

    it("returns the longest-waiting first, at most `limit`", async () => {
      await pending();
      await pending();
      const due = await dueForCheck(db(), new Date(Date.now() + 2 * FIRST_CHECK_DELAY_MS), 2);
      expect(due).toHaveLength(2);
      expect(due[0]!.nextCheckAt!.getTime()).toBeLessThanOrEqual(due[1]!.nextCheckAt!.getTime());
    });
  });
});
