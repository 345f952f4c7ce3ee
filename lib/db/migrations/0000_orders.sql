CREATE TABLE "order_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" text NOT NULL,
	"type" text NOT NULL,
	"source" text NOT NULL,
	"status_from" text,
	"status_to" text,
	"amount_cents" integer,
	"detail" jsonb,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_events_source_check" CHECK ("order_events"."source" in ('storefront', 'bolt', 'reconciler', 'webhook', 'merchant')),
	CONSTRAINT "order_events_status_check" CHECK (("order_events"."status_from" is null or "order_events"."status_from" in ('pending', 'unconfirmed', 'authorized', 'in_review', 'declined', 'captured', 'partially_refunded', 'refunded', 'voided', 'rejected'))
        and ("order_events"."status_to" is null or "order_events"."status_to" in ('pending', 'unconfirmed', 'authorized', 'in_review', 'declined', 'captured', 'partially_refunded', 'refunded', 'voided', 'rejected')))
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"items_cents" integer NOT NULL,
	"shipping_cents" integer NOT NULL,
	"tax_cents" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"lines" jsonb NOT NULL,
	"shopper_sub" text,
	"email" text,
	"guest" boolean NOT NULL,
	"ship_to" jsonb,
	"card_network" text,
	"card_last4" text,
	"checkout_id_hash" text,
	"guest_key_hash" text,
	"bolt_reference" text,
	"bolt_order_number" text,
	"authorized_cents" integer DEFAULT 0 NOT NULL,
	"captured_cents" integer DEFAULT 0 NOT NULL,
	"refunded_cents" integer DEFAULT 0 NOT NULL,
	"send_lock_until" timestamp with time zone,
	"next_check_at" timestamp with time zone,
	"check_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_status_check" CHECK ("orders"."status" in ('pending', 'unconfirmed', 'authorized', 'in_review', 'declined', 'captured', 'partially_refunded', 'refunded', 'voided', 'rejected')),
	CONSTRAINT "orders_amounts_check" CHECK ("orders"."items_cents" >= 0 and "orders"."shipping_cents" >= 0 and "orders"."tax_cents" >= 0 and "orders"."total_cents" >= 0
        and "orders"."authorized_cents" >= 0 and "orders"."captured_cents" >= 0 and "orders"."refunded_cents" >= 0),
	CONSTRAINT "orders_card_last4_check" CHECK ("orders"."card_last4" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "payment_requests" (
	"order_id" text PRIMARY KEY NOT NULL,
	"sealed" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_events_dedupe_idx" ON "order_events" USING btree ("order_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "orders_shopper_idx" ON "orders" USING btree ("shopper_sub","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_open_by_checkout_idx" ON "orders" USING btree ("checkout_id_hash") WHERE "orders"."status" in ('pending', 'unconfirmed');--> statement-breakpoint
CREATE INDEX "orders_due_for_check_idx" ON "orders" USING btree ("next_check_at") WHERE "orders"."status" in ('pending', 'unconfirmed');--> statement-breakpoint
CREATE UNIQUE INDEX "orders_bolt_reference_idx" ON "orders" USING btree ("bolt_reference") WHERE "orders"."bolt_reference" is not null;