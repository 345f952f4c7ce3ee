import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import { BoltWebhookBodyError } from "./errors";
import { toTransaction, WireTransaction } from "./settlement";
import type { TransactionEventType, WebhookEvent } from "./types";

// Bolt's webhooks: `X-Bolt-Hmac-Sha256` = base64(HMAC-SHA256(signing secret, raw body)); during a
// secret rotation `X-Bolt-Hmac-Sha256-Pending` carries the incoming secret's. The body is
// `{ type, object: "transaction", data: <the transaction details> }`. Neither is in Bolt's v1
// document: both come from Bolt's help pages and plugins (go-live-and-settlement.md §2).

export const SIGNATURE_HEADERS = ["x-bolt-hmac-sha256", "x-bolt-hmac-sha256-pending"] as const;

/** A base64 SHA-256 digest is 44 characters; anything much longer is not a signature. */
const MAX_SIGNATURE_LENGTH = 128;

export type SignatureCheck = "valid" | "unsigned" | "invalid";

/**
 * Either header under either secret passes: Bolt moves the pending signature to the main header when
 * its rotation completes, possibly before the store does.
 */
export function verifyWebhookSignature(
  rawBody: Uint8Array,
  headers: Pick<Headers, "get">,
  secrets: readonly string[],
): SignatureCheck {
  const given = SIGNATURE_HEADERS.map((name) => headers.get(name)?.trim()).filter((value) => !!value);
  if (given.length === 0) return "unsigned";
  const digests = secrets.map((secret) => createHmac("sha256", secret).update(rawBody).digest());
  for (const signature of given) {
    if (!signature || signature.length > MAX_SIGNATURE_LENGTH) continue;
    const bytes = Buffer.from(signature, "base64");
    for (const digest of digests) {
      if (bytes.length === digest.length && timingSafeEqual(bytes, digest)) return "valid";
    }
  }
  return "invalid";
}

/** The events the storefront acts on; a webhook registered for fewer would leave orders behind. */
export const TRANSACTION_EVENT_TYPES = [
  "payment",
  "auth",
  "pending",
  "capture",
  "credit",
  "void",
  "rejected_irreversible",
  "rejected_reversible",
  "failed_payment",
] as const satisfies readonly TransactionEventType[];

const TRANSACTION_EVENTS: ReadonlySet<string> = new Set(TRANSACTION_EVENT_TYPES);

const Envelope = z.object({
  type: z.string().min(1).max(64),
  object: z.string().max(64).nullish(),
  data: z.unknown(),
});

/** Where Bolt's integrations read the merchant's order id in a webhook, besides `order.cart`. */
const OrderFields = z.object({
  order_reference: z.string().max(256).nullish(),
  cart: z.object({ order_reference: z.string().max(256).nullish() }).nullish(),
});

/** Unused events are `ignored`; a body not in Bolt's event shape throws {@link BoltWebhookBodyError}. */
export function parseWebhookEvent(rawBody: Uint8Array): WebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(rawBody));
  } catch {
    throw new BoltWebhookBodyError("webhook: the body is not JSON", 0);
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) throw new BoltWebhookBodyError("webhook: the body is not a Bolt event", 0);
  const { type, data } = envelope.data;
  if (!TRANSACTION_EVENTS.has(type)) return { kind: "ignored", type };
  const wire = WireTransaction.safeParse(data);
  const order = OrderFields.safeParse(data);
  if (!wire.success || !order.success) {
    throw new BoltWebhookBodyError(`webhook: the ${type} event's data is not a Bolt transaction`, 0);
  }
  let transaction;
  try {
    transaction = toTransaction(wire.data, "webhook");
  } catch {
    throw new BoltWebhookBodyError(`webhook: the ${type} event names no payment`, 0);
  }
  const orderReference = order.data.order_reference || order.data.cart?.order_reference || transaction.orderReference;
  return {
    kind: "transaction",
    type: type as TransactionEventType,
    transaction: { ...transaction, orderReference: orderReference || undefined },
  };
}
