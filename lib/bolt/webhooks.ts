import "server-only";
import { randomUUID } from "node:crypto";
import * as z from "zod";
import { getEnv } from "@/lib/env";
import { BoltMissingFieldError } from "./errors";
import { callBolt, parseBoltBody } from "./http";
import type { TransactionEventType, Webhook } from "./types";

// Used by `npm run bolt -- webhooks …` and the doctor, not by shoppers' requests.

/** `webhook`: Bolt's spec requires all three. */
export const WireWebhook = z.object({
  webhook_id: z.string().min(1).max(128),
  url: z.string().max(2048),
  created_at: z.number(),
  events: z.array(z.string().max(64)).nullish(),
});

const WebhookList = z.object({ webhooks: z.array(WireWebhook).nullish() });
const WebhookCreated = z.object({ webhook_id: z.string().min(1).max(128).nullish() });

/** Anything but a plain id (`..`, `/`) could change the request path. */
function webhookSegment(id: string): string {
  if (!/^[\w-]{1,128}$/.test(id)) throw new TypeError("Not a Bolt webhook id");
  return id;
}

/** `events` undefined: every event. Bolt refuses a URL that would get an event twice (422, code 34). */
export async function registerWebhook(url: string, events?: TransactionEventType[]): Promise<string> {
  const operation = "registerWebhook";
  const body = await callBolt({
    operation,
    method: "POST",
    path: "/v1/webhooks",
    json: { division_id: getEnv().divisionId, url, ...(events ? { events } : { event_group: "all" }) },
    // A registration is not retried; the key only makes a resend of this one request harmless.
    idempotencyKey: randomUUID(),
    errors: "api",
  });
  const id = parseBoltBody(WebhookCreated, body, operation).webhook_id;
  if (!id) throw new BoltMissingFieldError(operation, "webhook_id");
  return id;
}

export async function listWebhooks(): Promise<Webhook[]> {
  const operation = "listWebhooks";
  const query = new URLSearchParams({ division_id: getEnv().divisionId });
  const body = await callBolt({ operation, method: "GET", path: `/v1/webhooks?${query}`, errors: "api" });
  return (parseBoltBody(WebhookList, body, operation).webhooks ?? []).map((wire) => ({
    id: wire.webhook_id,
    url: wire.url,
    createdAt: wire.created_at,
    events: wire.events ?? undefined,
  }));
}

export async function deleteWebhook(id: string): Promise<void> {
  await callBolt({
    operation: "deleteWebhook",
    method: "DELETE",
    path: `/v1/webhooks/${webhookSegment(id)}`,
    errors: "api",
  });
}
