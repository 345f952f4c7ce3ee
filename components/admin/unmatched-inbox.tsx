import Link from "next/link";
import { markHandled } from "@/app/(admin)/admin/actions";
import { PendingButton } from "@/components/ui/pending-button";
import { listHref, type ListQuery } from "@/lib/admin/list-query";
import { getDatabase } from "@/lib/db";
import { listUnmatchedEvents } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import { DeskDate } from "./desk-date";
import { eventLabel } from "./desk-words";
import styles from "./desk.module.css";

const PAGE_SIZE = 5;

export async function UnmatchedInbox({ query }: { query: ListQuery }) {
  const { events, next } = await listUnmatchedEvents(await getDatabase(), {
    limit: PAGE_SIZE,
    before: query.eventsBefore,
  });
  if (events.length === 0) {
    return (
      <p className={styles.muted}>{query.eventsBefore ? "No older events." : "None: every event matched an order."}</p>
    );
  }
  return (
    <>
      <ul className={styles.inbox} data-testid="unmatched-events">
        {events.map((event) => (
          <li key={event.id} className={styles.inboxItem}>
            <dl className={styles.inboxFacts}>
              <div>
                <dt>Event</dt>
                <dd>
                  {eventLabel(event.type)} <code className={styles.muted}>({event.type})</code>
                </dd>
              </div>
              <div>
                <dt>Received</dt>
                <dd>
                  <DeskDate date={event.receivedAt} />
                </dd>
              </div>
              <div>
                <dt>Bolt reference</dt>
                <dd>
                  <code>{event.reference}</code>
                </dd>
              </div>
              <div>
                <dt>Order reference</dt>
                <dd>{event.orderReference ? <code>{event.orderReference}</code> : "none given"}</dd>
              </div>
              {event.amountCents !== null && (
                <div>
                  <dt>Amount</dt>
                  <dd>{formatMoney(event.amountCents, event.currency ?? "USD")}</dd>
                </div>
              )}
            </dl>
            <form action={markHandled}>
              <input type="hidden" name="eventId" value={event.id} />
              <PendingButton className="button button-secondary" pendingLabel="Marking…">
                Mark handled
                <span className="visually-hidden">
                  : {event.type} for {event.reference}
                </span>
              </PendingButton>
            </form>
          </li>
        ))}
      </ul>
      {next && (
        <nav aria-label="More events" className={styles.pages}>
          <Link href={listHref({ ...query, eventsBefore: next })} className={`button button-secondary ${styles.older}`}>
            Older events
          </Link>
        </nav>
      )}
    </>
  );
}

export function UnmatchedInboxSkeleton() {
  return (
    <div className={styles.skeleton} aria-busy="true">
      <p role="status" className="visually-hidden">
        Loading events
      </p>
      <div className={styles.skeletonRow} />
    </div>
  );
}
