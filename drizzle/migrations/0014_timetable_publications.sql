CREATE TABLE "timetable_publications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"document" text NOT NULL,
	"scope" text NOT NULL,
	"class_code" text,
	"effective_from" text NOT NULL,
	"frame" jsonb NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timetable_published_classes" (
	"publication_id" bigint NOT NULL,
	"class_code" text NOT NULL,
	"class_name" text NOT NULL,
	"lessons" jsonb NOT NULL,
	CONSTRAINT "timetable_published_classes_publication_id_class_code_pk" PRIMARY KEY("publication_id","class_code")
);
--> statement-breakpoint
ALTER TABLE "timetable_publications" ADD CONSTRAINT "timetable_publications_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_publications" ADD CONSTRAINT "timetable_publications_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_published_classes" ADD CONSTRAINT "timetable_published_classes_publication_id_timetable_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."timetable_publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "timetable_publications_school_idx" ON "timetable_publications" USING btree ("school_id","year");