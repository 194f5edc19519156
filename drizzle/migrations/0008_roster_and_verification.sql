CREATE TABLE "coverage_snapshots" (
	"school_id" text NOT NULL,
	"day" date NOT NULL,
	"figures" text NOT NULL,
	CONSTRAINT "coverage_snapshots_school_id_day_pk" PRIMARY KEY("school_id","day")
);
--> statement-breakpoint
CREATE TABLE "guardianship_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guardian_id" text NOT NULL,
	"student_id" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"method" text NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "coverage_snapshots" ADD CONSTRAINT "coverage_snapshots_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianship_events" ADD CONSTRAINT "guardianship_events_guardian_id_people_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianship_events" ADD CONSTRAINT "guardianship_events_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianship_events" ADD CONSTRAINT "guardianship_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guardianship_events_link_idx" ON "guardianship_events" USING btree ("guardian_id","student_id","at");