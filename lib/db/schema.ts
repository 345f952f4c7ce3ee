import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** The moves between them are in lib/ledger/status.ts. */
export const ORDER_STATUSES = [
  "pending",
  "unconfirmed",
  "authorized",
  "in_review",
  "declined",
  "captured",
  "partially_refunded",
  "refunded",
  "voided",
  "rejected",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const EVENT_SOURCES = ["storefront", "bolt", "reconciler", "webhook", "merchant"] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** As charged, whatever the catalog says later. */
export type OrderLine = {
  productId: string;
  name: string;
  unitPriceCents: number;
  quantity: number;
  lineTotalCents: number;
};

export type ShipTo = {
  firstName: string;
  lastName: string;
  company?: string;
  street1: string;
  street2?: string;
  locality: string;
  region: string;
  regionCode?: string;
  postalCode: string;
  countryCode: string;
  phone?: string;
};

/** Small facts (a reason, a reference), never tokens or card data. */
export type EventDetail = Record<string, string | number | boolean | null>;

const oneOf = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));
/** Bolt's answer not known yet: the checkout may resend, the reconciler checks. */
const OPEN = oneOf(["pending", "unconfirmed"]);
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const cents = (name: string) => integer(name).notNull();

export const orders = pgTable(
  "orders",
  {
    /** Ours: also the Idempotency-Key of its payment and Bolt's `order_reference`. */
    id: text("id").primaryKey(),
    status: text("status").$type<OrderStatus>().notNull(),
    currency: text("currency").notNull(),
    itemsCents: cents("items_cents"),
    shippingCents: cents("shipping_cents"),
    taxCents: cents("tax_cents"),
    totalCents: cents("total_cents"),
    lines: jsonb("lines").$type<OrderLine[]>().notNull(),
    /** Null for a guest, and once the shopper is forgotten, like every personal field. */
    shopperSub: text("shopper_sub"),
    email: text("email"),
    guest: boolean("guest").notNull(),
    shipTo: jsonb("ship_to").$type<ShipTo>(),
    cardNetwork: text("card_network"),
    cardLast4: text("card_last4"),
    /** sha256 of the checkout cookie: a retry from the same checkout finds its open order. */
    checkoutIdHash: text("checkout_id_hash"),
    /** sha256 of the key in a guest's order link; the key itself is never stored. */
    guestKeyHash: text("guest_key_hash"),
    boltReference: text("bolt_reference"),
    boltOrderNumber: text("bolt_order_number"),
    /** Bolt's answer said it made the guest an account from this order. */
    boltAccountCreated: boolean("bolt_account_created").notNull().default(false),
    authorizedCents: integer("authorized_cents").notNull().default(0),
    capturedCents: integer("captured_cents").notNull().default(0),
    refundedCents: integer("refunded_cents").notNull().default(0),
    /** One send of the payment at a time per order, whichever instance sends it. */
    sendLockUntil: timestamptz("send_lock_until"),
    nextCheckAt: timestamptz("next_check_at"),
    checkAttempts: integer("check_attempts").notNull().default(0),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("orders_status_check", sql`${t.status} in (${oneOf(ORDER_STATUSES)})`),
    check(
      "orders_amounts_check",
      sql`${t.itemsCents} >= 0 and ${t.shippingCents} >= 0 and ${t.taxCents} >= 0 and ${t.totalCents} >= 0
        and ${t.authorizedCents} >= 0 and ${t.capturedCents} >= 0 and ${t.refundedCents} >= 0`,
    ),
    check("orders_card_last4_check", sql`${t.cardLast4} ~ '^[0-9]{4}$'`),
    index("orders_shopper_idx").on(t.shopperSub, t.createdAt.desc()),
    // The order desk's list: newest first, by status, by email prefix.
    index("orders_created_idx").on(t.createdAt.desc(), t.id.desc()),
    index("orders_status_created_idx").on(t.status, t.createdAt.desc(), t.id.desc()),
    index("orders_email_idx").on(t.email.op("text_pattern_ops"), t.createdAt.desc()),
    index("orders_open_by_checkout_idx")
      .on(t.checkoutIdHash)
      .where(sql`${t.status} in (${OPEN})`),
    index("orders_due_for_check_idx")
      .on(t.nextCheckAt)
      .where(sql`${t.status} in (${OPEN})`),
    uniqueIndex("orders_bolt_reference_idx")
      .on(t.boltReference)
      .where(sql`${t.boltReference} is not null`),
  ],
);

/** Append-only: a trigger refuses updates and deletes. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    type: text("type").notNull(),
    source: text("source").$type<EventSource>().notNull(),
    statusFrom: text("status_from").$type<OrderStatus>(),
    statusTo: text("status_to").$type<OrderStatus>(),
    amountCents: integer("amount_cents"),
    detail: jsonb("detail").$type<EventDetail>(),
    /** A webhook's natural key, so that a redelivery appends nothing. */
    dedupeKey: text("dedupe_key"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    check("order_events_source_check", sql`${t.source} in (${oneOf(EVENT_SOURCES)})`),
    check(
      "order_events_status_check",
      sql`(${t.statusFrom} is null or ${t.statusFrom} in (${oneOf(ORDER_STATUSES)}))
        and (${t.statusTo} is null or ${t.statusTo} in (${oneOf(ORDER_STATUSES)}))`,
    ),
    index("order_events_order_idx").on(t.orderId, t.id),
    // Nulls are distinct in a unique index: events without a dedupe key never collide.
    uniqueIndex("order_events_dedupe_idx").on(t.orderId, t.dedupeKey),
  ],
);

/** Sealed authorize requests of open orders, so that a resend is byte for byte the first send. */
export const paymentRequests = pgTable("payment_requests", {
  orderId: text("order_id")
    .primaryKey()
    .references(() => orders.id),
  sealed: text("sealed").notNull(),
  expiresAt: timestamptz("expires_at").notNull(),
});

/**
 * Verified events for payments with no order here (another store on the division, an old backup):
 * kept for the merchant, not dropped. Facts only, no personal data.
 */
export const unmatchedWebhookEvents = pgTable(
  "webhook_events_unmatched",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    type: text("type").notNull(),
    reference: text("reference").notNull(),
    orderReference: text("order_reference"),
    amountCents: integer("amount_cents"),
    currency: text("currency"),
    detail: jsonb("detail").$type<EventDetail>(),
    dedupeKey: text("dedupe_key").notNull(),
    receivedAt: timestamptz("received_at").notNull().defaultNow(),
    handledAt: timestamptz("handled_at"),
  },
  (t) => [
    uniqueIndex("webhook_events_unmatched_dedupe_idx").on(t.dedupeKey),
    index("webhook_events_unmatched_open_idx")
      .on(t.receivedAt.desc(), t.id.desc())
      .where(sql`${t.handledAt} is null`),
  ],
);
