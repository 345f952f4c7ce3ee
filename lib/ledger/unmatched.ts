import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import * as z from "zod";
import type { BoltTransaction } from "@/lib/bolt/types";
import type { Database } from "@/lib/db/client";
import { guarded } from "@/lib/db/errors";
import { unmatchedWebhookEvents as inbox } from "@/lib/db/schema";
import { parse } from "./inputs";
import { BoltView } from "./settlement";
import { eventAmountCents } from "./settlement-state";

export type UnmatchedEvent = typeof inbox.$inferSelect;

export type UnmatchedPage = {
  events: UnmatchedEvent[];
  /** Pass as `before` for the next page; null on the last one. */
  next: number | null;
};

const Listing = z.object({
  limit: z.number().int().min(1).max(100),
  before: z.number().int().positive().optional(),
});
const EventId = z.number().int().positive();
const Text = z.string().min(1).max(256);

/** False when it was kept before. */
export async function keepUnmatchedEvent(
  db: Database,
  event: { type: string; transaction: BoltTransaction; dedupeKey: string },
): Promise<boolean> {
  const type = parse("event type", Text, event.type);
  const dedupeKey = parse("dedupe key", Text, event.dedupeKey);
  const view = parse("Bolt's view", BoltView, event.transaction);
  return guarded("keep the unmatched event", async () => {
    const kept = await db
      .insert(inbox)
      .values({
        type,
        reference: view.reference,
        orderReference: view.orderReference?.slice(0, 256) ?? null,
        amountCents: eventAmountCents(type, view) ?? null,
        currency: view.currency ?? null,
        detail: {
          boltState: view.state,
          capturedCents: view.capturedCents,
          refundedCents: view.refundedCents,
          ...(view.refund ? { refundReference: view.refund.reference } : {}),
        },
        dedupeKey,
      })
      .onConflictDoNothing({ target: inbox.dedupeKey })
      .returning({ id: inbox.id });
    return kept.length === 1;
  });
}

export async function listUnmatchedEvents(
  db: Database,
  page: { limit: number; before?: number },
): Promise<UnmatchedPage> {
  const { limit, before } = parse("page", Listing, page);
  return guarded("list the unmatched events", async () => {
    const older = before
      ? sql`(${inbox.receivedAt}, ${inbox.id}) < (select u.received_at, u.id from ${inbox} u where u.id = ${before})`
      : undefined;
    const rows = await db
      .select()
      .from(inbox)
      .where(and(isNull(inbox.handledAt), older))
      .orderBy(desc(inbox.receivedAt), desc(inbox.id))
      .limit(limit + 1);
    const shown = rows.slice(0, limit);
    return { events: shown, next: rows.length > limit ? shown.at(-1)!.id : null };
  });
}

/** It leaves the list and stays in the table. False if there is no such event. */
export async function markUnmatchedHandled(db: Database, id: number): Promise<boolean> {
  const eventId = parse("event id", EventId, id);
  return guarded("mark the unmatched event handled", async () => {
    const marked = await db
      .update(inbox)
      .set({ handledAt: sql`now()` })
      .where(and(eq(inbox.id, eventId), isNull(inbox.handledAt)))
      .returning({ id: inbox.id });
    return marked.length === 1;
  });
}
