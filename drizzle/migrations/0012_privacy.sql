CREATE TABLE "guardian_consents" (
	"person_id" text NOT NULL,
	"version" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "guardian_consents_person_id_version_pk" PRIMARY KEY("person_id","version")
);
--> statement-breakpoint
CREATE TABLE "view_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"role_label" text NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"what" text NOT NULL,
	"school_id" text NOT NULL,
	"year" text,
	"class_code" text,
	"student_id" text
);
--> statement-breakpoint
ALTER TABLE "guardian_consents" ADD CONSTRAINT "guardian_consents_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "view_log_school_idx" ON "view_log" USING btree ("school_id","at");--> statement-breakpoint
CREATE INDEX "view_log_student_idx" ON "view_log" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "view_log_class_idx" ON "view_log" USING btree ("school_id","year","class_code");