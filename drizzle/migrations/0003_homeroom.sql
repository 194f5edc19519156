CREATE TABLE "homeroom_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document" text NOT NULL,
	"student_id" text NOT NULL,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"person_id" text,
	"person_name" text,
	"entered_at" timestamp with time zone,
	"offline" boolean DEFAULT false NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "homeroom_entries" (
	"document" text NOT NULL,
	"school" text NOT NULL,
	"year" text NOT NULL,
	"term" text NOT NULL,
	"class_code" text NOT NULL,
	"student_id" text NOT NULL,
	"conduct" text,
	"conduct_comment" text DEFAULT '' NOT NULL,
	"absences" integer,
	"comment" text DEFAULT '' NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "homeroom_entries_document_student_id_pk" PRIMARY KEY("document","student_id")
);
--> statement-breakpoint
CREATE INDEX "homeroom_audit_document_idx" ON "homeroom_audit" USING btree ("document","student_id");--> statement-breakpoint
CREATE INDEX "homeroom_entries_class_idx" ON "homeroom_entries" USING btree ("school","year","class_code","term");