CREATE INDEX "guardianships_student_idx" ON "guardianships" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "homeroom_assignments_person_idx" ON "homeroom_assignments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "staff_roles_organisation_idx" ON "staff_roles" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "teaching_assignments_class_idx" ON "teaching_assignments" USING btree ("school_id","year","class_code");