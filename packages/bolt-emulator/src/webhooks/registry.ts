import { randomBytes } from "node:crypto";
import type { WebhookEventType } from "./events";

/** A webhook subscription; `events` null means Bolt's event group `all`. */
export type Registration = { id: string; url: string; events: WebhookEventType[] | null; createdAt: number };

/**
 * Bolt's `webhook` view. A webhook for a list of events has no `event_group`: the document's enum
 * for it holds `"all"` and the string `"null"`, and no recorded answer says which Bolt sends.
 */
export function webhookView(registration: Registration): Record<string, unknown> {
  return {
    webhook_id: registration.id,
    url: registration.url,
    created_at: registration.createdAt,
    ...(registration.events ? {} : { event_group: "all" }),
    events: registration.events,
  };
}

const overlaps = (a: WebhookEventType[] | null, b: WebhookEventType[] | null) =>
  !a || !b || a.some((event) => b.includes(event));

/** The merchant's webhooks, in the order they were made. */
export class WebhookRegistry {
  private registrations: Registration[] = [];

  /**
   * Registers a URL for some events (null: all), or answers undefined when the URL would then receive
   * an event twice: Bolt refuses duplicate notifications.
   */
  add(url: string, events: WebhookEventType[] | null): Registration | undefined {
    if (this.registrations.some((other) => other.url === url && overlaps(other.events, events))) return undefined;
    // Bolt's ids look like `wh_za7VbYcSQU2zRgGQXQAm-g`.
    const registration = { id: `wh_${randomBytes(16).toString("base64url")}`, url, events, createdAt: Date.now() };
    this.registrations.push(registration);
    return registration;
  }

  list(): Registration[] {
    return [...this.registrations];
  }

  get(id: string): Registration | undefined {
    return this.registrations.find((registration) => registration.id === id);
  }

  remove(id: string): boolean {
    const before = this.registrations.length;
    this.registrations = this.registrations.filter((registration) => registration.id !== id);
    return this.registrations.length !== before;
  }

  subscribedTo(type: WebhookEventType): Registration[] {
    return this.registrations.filter((registration) => !registration.events || registration.events.includes(type));
  }
}
