import type { WebhookEventType } from "./events";

/** One attempt to deliver one event to one webhook. */
export type DeliveryAttempt = {
  /** Shared by every attempt of one delivery (a duplicate is a delivery of its own). */
  delivery: string;
  attempt: number;
  type: WebhookEventType;
  /** The payment's reference (for a refund, the payment it refunded). */
  reference: string;
  orderReference: string;
  webhookId: string;
  url: string;
  at: string;
  durationMs: number;
  /** The receiver's HTTP status; absent when there was no answer (see `error`). */
  status?: number;
  /** `timeout after … ms`, or the connection error's code (e.g. `ECONNREFUSED`). */
  error?: string;
  delivered: boolean;
  /** The faults this delivery was sent with: `duplicate`, `reordered`, `wrong_secret`, `rotation`. */
  faults: string[];
};

export type DeliveryFilter = { reference?: string; type?: string; orderReference?: string };

const MAX_ENTRIES = 5000;

export class DeliveryLog {
  private entries: DeliveryAttempt[] = [];

  add(entry: DeliveryAttempt): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(filter: DeliveryFilter = {}): DeliveryAttempt[] {
    return this.entries.filter(
      (entry) =>
        (!filter.reference || entry.reference === filter.reference) &&
        (!filter.type || entry.type === filter.type) &&
        (!filter.orderReference || entry.orderReference === filter.orderReference),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
