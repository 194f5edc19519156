ALTER TABLE "homeroom_entries" ADD COLUMN "absences_excused" integer;--> statement-breakpoint
ALTER TABLE "homeroom_entries" ADD COLUMN "absences_unexcused" integer;