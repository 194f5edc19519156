CREATE TABLE "exchange_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"kind" text NOT NULL,
	"class_code" text,
	"outcome" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "status" text DEFAULT 'dang-hoc' NOT NULL;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "status_date" date;--> statement-breakpoint
ALTER TABLE "exchange_runs" ADD CONSTRAINT "exchange_runs_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_runs" ADD CONSTRAINT "exchange_runs_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_runs_school_idx" ON "exchange_runs" USING btree ("school_id","at");