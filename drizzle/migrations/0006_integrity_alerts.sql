CREATE TABLE "integrity_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school" text NOT NULL,
	"document" text NOT NULL,
	"kind" text NOT NULL,
	"detail" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"first_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "integrity_alerts_document_kind_idx" ON "integrity_alerts" USING btree ("document","kind");