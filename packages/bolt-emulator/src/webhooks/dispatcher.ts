import { randomBytes } from "node:crypto";
import { objectId } from "../ids";
import { DeliveryLog } from "./delivery-log";
import type { PublishedEvent } from "./events";
import { WebhookRegistry, type Registration } from "./registry";
import { signWebhookBody } from "./signature";
import { NO_WEBHOOK_FAULTS, type WebhookFaults } from "./webhook-faults";

/** Bolt retries a delivery that failed; the emulator gives up after this many attempts. */
export const MAX_ATTEMPTS = 8;

export type DispatcherOptions = {
  signingSecret: string;
  /** The wait after a first failed attempt; it doubles after each further one. */
  retryMs: number;
  /** How long an attempt may take before it counts as failed. */
  timeoutMs: number;
};

type Job = {
  id: string;
  webhook: Registration;
  event: PublishedEvent;
  body: string;
  headers: Record<string, string>;
  faults: string[];
};

/** What went wrong when an attempt got no answer. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") return `timeout after ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Delivers events to the merchant's webhooks as Bolt does: signed, asynchronously after the API
 * answered, at least once, retried with exponential backoff on a non-2xx answer, a timeout or a
 * connection error. Deliveries are independent of each other, so several may reach one URL at once.
 */
export class WebhookDispatcher {
  readonly registry = new WebhookRegistry();
  readonly log = new DeliveryLog();
  private faults: WebhookFaults = NO_WEBHOOK_FAULTS;
  private held: Job[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: DispatcherOptions) {}

  publish(event: PublishedEvent): void {
    for (const webhook of this.registry.subscribedTo(event.type)) {
      for (const job of this.jobsFor(webhook, event)) {
        if (this.faults.reorder) this.held.push(job);
        else this.later(() => this.attempt(job, 1), 0);
      }
    }
  }

  /** Replaces the faults; turning `reorder` off delivers what it held, newest first. */
  setFaults(faults: WebhookFaults): void {
    const releasing = this.faults.reorder && !faults.reorder;
    this.faults = faults;
    if (releasing) void this.release();
  }

  /** Stops every delivery and retry (reset, shutdown). */
  stop(): void {
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.held = [];
  }

  /** The held batch in reverse, one after another, so the receiver sees them out of order. */
  private async release(): Promise<void> {
    const batch = this.held.reverse();
    this.held = [];
    for (const job of batch) await this.attempt(job, 1);
  }

  private jobsFor(webhook: Registration, event: PublishedEvent): Job[] {
    const body = JSON.stringify(event.body);
    const { duplicate, reorder, wrongSecret, rotation } = this.faults;
    const secret = wrongSecret ? randomBytes(24).toString("hex") : this.options.signingSecret;
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "User-Agent": "Bolt-Emulator-Webhooks/1.0",
      "X-Bolt-Hmac-Sha256": signWebhookBody(secret, body),
    };
    if (rotation) headers["X-Bolt-Hmac-Sha256-Pending"] = signWebhookBody(rotation.nextSecret, body);
    const faults = [
      ...(reorder ? ["reordered"] : []),
      ...(wrongSecret ? ["wrong_secret"] : []),
      ...(rotation ? ["rotation"] : []),
    ];
    return Array.from({ length: 1 + duplicate }, (_, copy) => ({
      id: objectId(),
      webhook,
      event,
      body,
      headers,
      faults: copy > 0 ? [...faults, "duplicate"] : faults,
    }));
  }

  private async attempt(job: Job, attempt: number): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const at = new Date().toISOString();
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(job.webhook.url, {
        method: "POST",
        headers: job.headers,
        body: job.body,
        redirect: "manual",
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch (failure) {
      if (this.stopping.signal.aborted) return;
      error = describeFailure(failure, this.options.timeoutMs);
    }
    const delivered = status !== undefined && status >= 200 && status < 300;
    this.log.add({
      delivery: job.id,
      attempt,
      type: job.event.type,
      reference: job.event.reference,
      orderReference: job.event.orderReference,
      webhookId: job.webhook.id,
      url: job.webhook.url,
      at,
      durationMs: Math.round(performance.now() - started),
      ...(status !== undefined ? { status } : {}),
      ...(error !== undefined ? { error } : {}),
      delivered,
      faults: job.faults,
    });
    if (!delivered && attempt < MAX_ATTEMPTS) {
      this.later(() => this.attempt(job, attempt + 1), this.options.retryMs * 2 ** (attempt - 1));
    }
  }

  private later(run: () => Promise<void>, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, ms);
    // A pending retry alone must not keep a process alive.
    timer.unref();
    this.timers.add(timer);
  }
}
