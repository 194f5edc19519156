CREATE TABLE "calendar_feeds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school" text NOT NULL,
	"year" text NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"owner_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "timetable_absences" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school" text NOT NULL,
	"year" text NOT NULL,
	"teacher_id" text NOT NULL,
	"date" text NOT NULL,
	"slots" text[],
	"reason" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timetable_change_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school" text NOT NULL,
	"date" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"person_id" text NOT NULL,
	"person_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timetable_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school" text NOT NULL,
	"year" text NOT NULL,
	"date" text NOT NULL,
	"class_code" text NOT NULL,
	"slot" text NOT NULL,
	"version" text NOT NULL,
	"subject" text NOT NULL,
	"original_teacher" text,
	"kind" text NOT NULL,
	"substitute_id" text,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_idx" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_owner_idx" ON "calendar_feeds" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "timetable_absences_teacher_date_idx" ON "timetable_absences" USING btree ("school","teacher_id","date");--> statement-breakpoint
CREATE INDEX "timetable_absences_date_idx" ON "timetable_absences" USING btree ("school","date");--> statement-breakpoint
CREATE INDEX "timetable_change_audit_date_idx" ON "timetable_change_audit" USING btree ("school","date");--> statement-breakpoint
CREATE UNIQUE INDEX "timetable_changes_lesson_idx" ON "timetable_changes" USING btree ("school","date","class_code","slot");--> statement-breakpoint
CREATE INDEX "timetable_changes_substitute_idx" ON "timetable_changes" USING btree ("school","substitute_id","date");