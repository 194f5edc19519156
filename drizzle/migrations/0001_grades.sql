CREATE TABLE "correction_cells" (
	"request_id" integer NOT NULL,
	"student_id" text NOT NULL,
	"column_key" text NOT NULL,
	"old_value" text,
	"new_value" text,
	CONSTRAINT "correction_cells_request_id_student_id_column_key_pk" PRIMARY KEY("request_id","student_id","column_key")
);
--> statement-breakpoint
CREATE TABLE "correction_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document" text NOT NULL,
	"person_id" text NOT NULL,
	"person_name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "grade_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document" text NOT NULL,
	"student_id" text NOT NULL,
	"column_key" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"person_id" text,
	"person_name" text,
	"entered_at" timestamp with time zone,
	"offline" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT 'sync' NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grade_entries" (
	"document" text NOT NULL,
	"student_id" text NOT NULL,
	"column_key" text NOT NULL,
	"value" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_entries_document_student_id_column_key_pk" PRIMARY KEY("document","student_id","column_key")
);
--> statement-breakpoint
CREATE TABLE "term_locks" (
	"school" text NOT NULL,
	"year" text NOT NULL,
	"term" text NOT NULL,
	"scope" text NOT NULL,
	"scope_value" text NOT NULL,
	"locked_by" text NOT NULL,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "term_locks_school_year_term_scope_scope_value_pk" PRIMARY KEY("school","year","term","scope","scope_value")
);
--> statement-breakpoint
ALTER TABLE "correction_cells" ADD CONSTRAINT "correction_cells_request_id_correction_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."correction_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "correction_requests_document_idx" ON "correction_requests" USING btree ("document","status");--> statement-breakpoint
CREATE INDEX "grade_audit_document_idx" ON "grade_audit" USING btree ("document","student_id","column_key");--> statement-breakpoint
CREATE INDEX "grade_entries_student_idx" ON "grade_entries" USING btree ("student_id");