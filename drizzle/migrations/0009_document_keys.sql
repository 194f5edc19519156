ALTER TABLE "yjs_documents" ADD COLUMN "school" text;--> statement-breakpoint
ALTER TABLE "yjs_documents" ADD COLUMN "year" text;--> statement-breakpoint
ALTER TABLE "yjs_documents" ADD COLUMN "term" text;--> statement-breakpoint
ALTER TABLE "yjs_documents" ADD COLUMN "class_code" text;--> statement-breakpoint
ALTER TABLE "yjs_documents" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "yjs_documents" ADD COLUMN "student" text;--> statement-breakpoint
CREATE INDEX "yjs_documents_school_year_idx" ON "yjs_documents" USING btree ("school","year","kind","class_code","term");--> statement-breakpoint
CREATE INDEX "yjs_documents_student_year_idx" ON "yjs_documents" USING btree ("student","year");--> statement-breakpoint
CREATE INDEX "students_school_idx" ON "students" USING btree ("school_id");