import "server-only";
import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import * as z from "zod";
import type { Database } from "@/lib/db/client";
import { guarded } from "@/lib/db/errors";
import { orderEvents as events, orders, paymentRequests, type EventDetail, type EventSource } from "@/lib/db/schema";
import { checkDelayMs } from "./check-schedule";
import { OrderNotFoundError } from "./errors";
import { Answer, LockMs, OrderId, parse, Reason } from "./inputs";
import { canMove, type OrderStatus } from "./status";
import { fromNow, isOpenOrder } from "./sql";
import { moveIfUnchanged, setOf, type ChangeEvent, type OrderChange } from "./move";
import { ORDER_COLUMNS, type Order } from "./types";

export type RecordedAnswer = {
  order: Order;
  /** False for a repeat, a late or a conflicting answer. */
  moved: boolean;
};

type ParsedAnswer = z.output<typeof Answer>;

const CheckBatch = z.number().int().min(1).max(500);

/**
 * A late, conflicting or backward answer is kept as an event that moves nothing. The send lock is
 * released: its holder is the one recording. `seen`, the order as the caller last read it, lets a move
 * be one statement; if the order has changed since, the answer is decided again under the row lock.
 */
export async function recordAnswer(
  db: Database,
  orderId: string,
  answer: Answer,
  {
    source = "storefront",
    seen,
  }: { source?: Extract<EventSource, "storefront" | "bolt" | "reconciler">; seen?: Order } = {},
): Promise<RecordedAnswer> {
  const id = parse("order id", OrderId, orderId);
  const parsed = parse("answer", Answer, answer);
  return guarded("record Bolt's answer", async () => {
    const fast = seen?.id === id ? decide(seen, parsed, source) : undefined;
    if (fast?.kind === "update") {
      const order = await moveIfUnchanged(db, seen!, fast);
      if (order) return { order, moved: fast.moved };
    }
    return db.transaction(async (tx) => {
      // Concurrent answers for one order take turns on the row lock.
      const [current] = await tx.select(ORDER_COLUMNS).from(orders).where(eq(orders.id, id)).for("update");
      if (!current) throw new OrderNotFoundError(id);
      const decision = decide(current, parsed, source);
      if (decision.kind === "repeat") return { order: current, moved: false };
      const event = { orderId: id, statusFrom: current.status, ...decision.event };
      if (decision.kind === "note") {
        await tx.insert(events).values(event);
        return { order: current, moved: false };
      }
      const [order] = await tx
        .update(orders)
        .set(setOf(decision.set))
        .where(eq(orders.id, id))
        .returning(ORDER_COLUMNS);
      await tx.insert(events).values(event);
      if (decision.clearRequest) await tx.delete(paymentRequests).where(eq(paymentRequests.orderId, id));
      return { order: order!, moved: decision.moved };
    });
  });
}

type Decision =
  | { kind: "repeat" }
  /** An event that moves nothing. */
  | { kind: "note"; event: ChangeEvent }
  | { kind: "update"; set: OrderChange; event: ChangeEvent; clearRequest: boolean; moved: boolean };

function decide(current: Order, answer: ParsedAnswer, source: EventSource): Decision {
  if (isRepeat(current, answer)) return { kind: "repeat" };
  const to: OrderStatus = answer.kind;
  const facts = { type: answer.kind, source, ...eventFacts(answer) };
  if (to === "unconfirmed" && current.status === "unconfirmed") {
    return {
      kind: "update",
      set: scheduleNextCheck(current.checkAttempts + 1, { sendLockUntil: null }),
      event: { ...facts, statusTo: null },
      clearRequest: false,
      moved: false,
    };
  }
  if (!canMove(current.status, to)) return { kind: "note", event: { ...facts, statusTo: null } };
  return {
    kind: "update",
    set: changeFor(answer, current, { status: to, sendLockUntil: null }),
    event: { ...facts, statusTo: to },
    clearRequest: to !== "unconfirmed",
    moved: true,
  };
}

function isRepeat(order: Order, answer: ParsedAnswer): boolean {
  if (answer.kind === "unconfirmed" || order.status !== answer.kind) return false;
  return answer.kind === "declined" || order.boltReference === answer.boltReference;
}

function scheduleNextCheck(attempts: number, values: OrderChange["values"] = {}): OrderChange {
  return { values: { ...values, checkAttempts: attempts }, nextCheckInMs: checkDelayMs(attempts), touch: true };
}

function changeFor(answer: ParsedAnswer, current: Order, values: OrderChange["values"]): OrderChange {
  switch (answer.kind) {
    case "authorized":
    case "in_review":
      return {
        values: {
          ...values,
          boltReference: answer.boltReference,
          boltOrderNumber: answer.boltOrderNumber ?? current.boltOrderNumber,
          ...(answer.kind === "authorized" ? { authorizedCents: answer.amountCents } : {}),
          ...(answer.accountCreated ? { boltAccountCreated: true } : {}),
          ...(answer.cardNetwork && current.cardNetwork === null ? { cardNetwork: answer.cardNetwork } : {}),
        },
        nextCheckInMs: null,
        touch: true,
      };
    case "declined":
      return { values, nextCheckInMs: null, touch: true };
    case "unconfirmed":
      return scheduleNextCheck(current.checkAttempts + 1, values);
  }
}

function eventFacts(answer: ParsedAnswer): { amountCents?: number; detail: EventDetail } {
  switch (answer.kind) {
    case "authorized":
    case "in_review":
      return {
        amountCents: answer.amountCents,
        detail: {
          boltReference: answer.boltReference,
          boltOrderNumber: answer.boltOrderNumber ?? null,
          ...(answer.accountCreated ? { accountCreated: true } : {}),
        },
      };
    case "declined":
    case "unconfirmed":
      return { detail: { reason: answer.reason } };
  }
}

export type SendClaim = { type: "resent" | "checked"; source: Extract<EventSource, "storefront" | "reconciler"> };

const Claim = z.object({ type: z.enum(["resent", "checked"]), source: z.enum(["storefront", "reconciler"]) }).strict();

/**
 * Test and update are one statement, so of two instances claiming at once exactly one wins; a crashed
 * sender's lock expires. The claim's event shares the transaction: no resend or check goes unrecorded.
 */
export async function claimSend(db: Database, orderId: string, lockMs: number, claim?: SendClaim): Promise<boolean> {
  const id = parse("order id", OrderId, orderId);
  const ms = parse("lock duration", LockMs, lockMs);
  const note = claim && parse("claim", Claim, claim);
  return guarded("lock the order for sending", () =>
    db.transaction(async (tx) => {
      const claimed = await tx
        .update(orders)
        .set({ sendLockUntil: fromNow(ms) })
        .where(
          and(eq(orders.id, id), isOpenOrder, or(isNull(orders.sendLockUntil), lte(orders.sendLockUntil, sql`now()`))),
        )
        .returning({ id: orders.id });
      if (claimed.length !== 1) return false;
      if (note) await tx.insert(events).values({ orderId: id, type: note.type, source: note.source });
      return true;
    }),
  );
}

/** The order stays open, for a webhook or the merchant to settle, with an event saying why. */
export async function stopChecking(db: Database, orderId: string, reason: string): Promise<void> {
  const id = parse("order id", OrderId, orderId);
  const why = parse("reason", Reason, reason);
  await guarded("stop checking the order", () =>
    db.transaction(async (tx) => {
      const stopped = await tx
        .update(orders)
        .set({ nextCheckAt: null, sendLockUntil: null, updatedAt: sql`now()` })
        .where(and(eq(orders.id, id), isOpenOrder))
        .returning({ id: orders.id });
      if (stopped.length === 1) {
        await tx
          .insert(events)
          .values({ orderId: id, type: "checks_stopped", source: "reconciler", detail: { reason: why } });
      }
    }),
  );
}

export async function releaseSend(db: Database, orderId: string): Promise<void> {
  const id = parse("order id", OrderId, orderId);
  await guarded("unlock the order", () => db.update(orders).set({ sendLockUntil: null }).where(eq(orders.id, id)));
}

export async function dueForCheck(db: Database, now: Date, limit: number): Promise<Order[]> {
  const count = parse("limit", CheckBatch, limit);
  return guarded("list the orders due for a check", () =>
    db
      .select(ORDER_COLUMNS)
      .from(orders)
      .where(and(isOpenOrder, lte(orders.nextCheckAt, now)))
      .orderBy(asc(orders.nextCheckAt))
      .limit(count),
  );
}
