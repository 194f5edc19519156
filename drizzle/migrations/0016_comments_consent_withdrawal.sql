CREATE TABLE "grade_comment_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document" text NOT NULL,
	"student_id" text NOT NULL,
	"old_text" text,
	"new_text" text,
	"person_id" text,
	"person_name" text,
	"entered_at" timestamp with time zone,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grade_comments" (
	"document" text NOT NULL,
	"student_id" text NOT NULL,
	"text" text NOT NULL,
	"by_name" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_comments_document_student_id_pk" PRIMARY KEY("document","student_id")
);
--> statement-breakpoint
CREATE TABLE "guardian_consent_withdrawals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"version" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guardian_consents" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "guardian_consent_withdrawals" ADD CONSTRAINT "guardian_consent_withdrawals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grade_comment_audit_document_idx" ON "grade_comment_audit" USING btree ("document","student_id");--> statement-breakpoint
CREATE INDEX "grade_comments_student_idx" ON "grade_comments" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "guardian_consent_withdrawals_person_idx" ON "guardian_consent_withdrawals" USING btree ("person_id");