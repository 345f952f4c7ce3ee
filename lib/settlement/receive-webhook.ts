import "server-only";
import {
  BoltWebhookBodyError,
  parseWebhookEvent,
  verifyWebhookSignature,
  type BoltTransaction,
  type TransactionEventType,
  type WebhookEvent,
} from "@/lib/bolt";
import { getDatabase, LedgerUnavailableError } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { jsonError, jsonResponse } from "@/lib/http/json";
import { readCapped } from "@/lib/http/read-capped";
import {
  applyTransaction,
  findEventOrder,
  InvalidLedgerInputError,
  keepUnmatchedEvent,
  transactionEventKey,
} from "@/lib/ledger";
import { errorFields, log } from "@/lib/log/logger";
import { logSecurityEvent, type SecurityEvent } from "@/lib/log/security-events";
import { clientIp } from "@/lib/rate-limit";
import { annotateSpan } from "@/lib/telemetry/spans";
import { recentKeys } from "./recent-keys";

// Applied to the ledger before Bolt gets its 2xx, so a database outage makes Bolt retry rather than
// lose the event. The payment is then re-read, as Bolt advises, to catch what the body lagged behind
// (a refund's event shows that refund, not the total): once the deliveries pause, once for all the
// events about it (`rereadSoon`), else by the reconciler's rounds when it falls due.

/** Bolt's bodies are a few KB; anything near this is not one. */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

/** A payment a webhook told of is due for a re-read this long after, should nothing read it sooner. */
export const RECHECK_AFTER_MS = 2 * 60_000;

/**
 * The events this instance has applied or found applied, by dedupe key: the ledger never deletes an
 * event, so a redelivery of one of these (Bolt resends whatever it got no 2xx for in time) is answered
 * without reading the ledger, even while it is down. Any other is looked up as before.
 */
const recorded = recentKeys(10_000);

type WebhookDeps = {
  /** Asks for a re-read of the payments just marked, soon. */
  rereadSoon(): void;
};

type Refusal = Extract<SecurityEvent, { event: "webhook_refused" }>["reason"];

function refuse(reason: Refusal, client: string | undefined, status: number, error: string, message: string): Response {
  logSecurityEvent({ event: "webhook_refused", reason, ...(client ? { client } : {}) });
  return jsonError(status, error, message);
}

/** Bolt delivers again after a non-2xx, so a refused webhook is never lost. */
export async function receiveBoltWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  const env = getEnv();
  const client = clientIp(request.headers, env.trustedIpHeader);
  const declared = request.headers.get("content-length");
  const body =
    declared !== null && !(Number(declared) <= MAX_WEBHOOK_BYTES)
      ? undefined
      : await readCapped(request.body, MAX_WEBHOOK_BYTES);
  if (!body) return refuse("oversized", client, 413, "payload_too_large", "A Bolt webhook is at most 64 KB.");

  const secrets = [env.signingSecret, env.signingSecretNext].filter((secret) => secret !== undefined);
  if (secrets.length === 0) {
    return refuse("not_configured", client, 401, "not_configured", "This store has no BOLT_SIGNING_SECRET set.");
  }
  const signature = verifyWebhookSignature(body, request.headers, secrets);
  if (signature === "unsigned") {
    return refuse("unsigned", client, 401, "unsigned", "A Bolt webhook carries X-Bolt-Hmac-Sha256.");
  }
  if (signature === "invalid") {
    return refuse("bad_signature", client, 401, "bad_signature", "The signature does not match the body.");
  }

  let event: WebhookEvent;
  try {
    event = parseWebhookEvent(body);
  } catch (error) {
    if (!(error instanceof BoltWebhookBodyError)) throw error;
    return refuse("malformed", client, 400, "malformed_event", "The body is not a Bolt transaction event.");
  }
  annotateSpan({ "bolt.webhook.type": event.type });
  if (event.kind === "ignored") return jsonResponse(200, { received: true, ignored: event.type });

  try {
    if (await recordEvent(event.type, event.transaction)) deps.rereadSoon();
  } catch (error) {
    if (error instanceof InvalidLedgerInputError) {
      return refuse("malformed", client, 400, "malformed_event", "The event's values do not fit an order.");
    }
    if (!(error instanceof LedgerUnavailableError)) throw error;
    log.error("The ledger is unavailable; Bolt will deliver the event again", {
      ...errorFields(error),
      eventType: event.type,
    });
    return jsonError(503, "ledger_unavailable", "The order ledger is briefly unavailable.", { "Retry-After": "30" });
  }
  return jsonResponse(200, { received: true });
}

/** Applied once, whatever Bolt delivers again; true when the payment is to be read again. */
async function recordEvent(type: TransactionEventType, view: BoltTransaction): Promise<boolean> {
  const dedupeKey = transactionEventKey(type, view);
  if (recorded.has(dedupeKey)) return false;
  const db = await getDatabase();
  const found = await findEventOrder(db, view, dedupeKey);
  if (!found) {
    await keepUnmatchedEvent(db, { type, transaction: view, dedupeKey });
    return false;
  }
  if (found.duplicate) {
    recorded.add(dedupeKey);
    return false;
  }
  // A declined attempt is final and not the order's payment: nothing to read again.
  const declined = view.state === "declined";
  const applied = await applyTransaction(db, found.order.id, view, {
    source: "webhook",
    eventType: type,
    dedupeKey,
    recheckInMs: declined ? undefined : RECHECK_AFTER_MS,
    seen: found.order,
  });
  recorded.add(dedupeKey);
  return !declined && !applied.duplicate;
}

export function webhookMethodNotAllowed(): Response {
  return jsonError(405, "method_not_allowed", "Bolt delivers webhooks with POST.", { Allow: "POST" });
}
