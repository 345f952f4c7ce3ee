CREATE TABLE "webhook_events_unmatched" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_events_unmatched_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"type" text NOT NULL,
	"reference" text NOT NULL,
	"order_reference" text,
	"amount_cents" integer,
	"currency" text,
	"detail" jsonb,
	"dedupe_key" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_unmatched_dedupe_idx" ON "webhook_events_unmatched" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "webhook_events_unmatched_open_idx" ON "webhook_events_unmatched" USING btree ("received_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "webhook_events_unmatched"."handled_at" is null;