import type { OrderEvent } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import { DeskDate } from "./desk-date";
import { eventAmountWords, eventLabel, SOURCE_LABELS, STATUS_LABELS } from "./desk-words";
import styles from "./desk.module.css";

export function OrderTimeline({ events, currency }: { events: readonly OrderEvent[]; currency: string }) {
  return (
    <section aria-labelledby="desk-timeline-heading" className={styles.panel}>
      <h2 id="desk-timeline-heading" className={styles.sectionTitle}>
        Timeline
      </h2>
      <ol className={styles.timeline} data-testid="desk-timeline">
        {events.map((event) => {
          const reason = typeof event.detail?.reason === "string" ? event.detail.reason : undefined;
          return (
            <li key={event.id} className={styles.event}>
              <p className={styles.eventWhat}>
                <strong>{eventLabel(event.type)}</strong>
                {event.amountCents !== null && (
                  <span> · {eventAmountWords(event.type, formatMoney(event.amountCents, currency))}</span>
                )}
                {/* Bolt's word on what the ledger already held, such as the webhook echoing a desk refund. */}
                {event.detail?.unchanged === true && <span> · confirms what was already recorded</span>}
              </p>
              <p className={styles.eventMeta}>
                <DeskDate date={event.createdAt} /> · <span>{SOURCE_LABELS[event.source]}</span>
                {event.statusFrom && event.statusTo && (
                  <span>
                    {" "}
                    · {STATUS_LABELS[event.statusFrom]} → {STATUS_LABELS[event.statusTo]}
                  </span>
                )}
              </p>
              {reason && <p className={styles.eventReason}>Reason: {reason}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
