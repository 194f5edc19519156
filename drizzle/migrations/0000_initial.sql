CREATE TABLE "yjs_documents" (
	"name" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "yjs_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document" text NOT NULL,
	"data" "bytea" NOT NULL,
	"merged" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classes" (
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"grade" integer NOT NULL,
	CONSTRAINT "classes_school_id_year_code_pk" PRIMARY KEY("school_id","year","code")
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"student_id" text NOT NULL,
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"class_code" text NOT NULL,
	CONSTRAINT "enrolments_student_id_year_pk" PRIMARY KEY("student_id","year")
);
--> statement-breakpoint
CREATE TABLE "guardianships" (
	"guardian_id" text NOT NULL,
	"student_id" text NOT NULL,
	"relation" text NOT NULL,
	"state" text NOT NULL,
	"evidence" text,
	"checked_by" text,
	"checked_at" timestamp with time zone,
	CONSTRAINT "guardianships_guardian_id_student_id_pk" PRIMARY KEY("guardian_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "homeroom_assignments" (
	"person_id" text NOT NULL,
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"class_code" text NOT NULL,
	CONSTRAINT "homeroom_assignments_school_id_year_class_code_pk" PRIMARY KEY("school_id","year","class_code")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" text
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"gender" text NOT NULL,
	"personal_id_hash" text,
	"personal_id_ciphertext" text,
	"personal_id_masked" text,
	"verified_by" text,
	"verified_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "people_personal_id_hash_unique" UNIQUE("personal_id_hash")
);
--> statement-breakpoint
CREATE TABLE "school_years" (
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"current" boolean DEFAULT false NOT NULL,
	CONSTRAINT "school_years_school_id_year_pk" PRIMARY KEY("school_id","year")
);
--> statement-breakpoint
CREATE TABLE "staff_roles" (
	"person_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "staff_roles_person_id_organisation_id_role_pk" PRIMARY KEY("person_id","organisation_id","role")
);
--> statement-breakpoint
CREATE TABLE "students" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"school_id" text NOT NULL,
	"moet_code" text NOT NULL,
	CONSTRAINT "students_moet_code_unique" UNIQUE("moet_code")
);
--> statement-breakpoint
CREATE TABLE "subject_periods" (
	"programme" text NOT NULL,
	"grade" integer NOT NULL,
	"subject_code" text NOT NULL,
	"periods_per_year" integer NOT NULL,
	CONSTRAINT "subject_periods_programme_grade_subject_code_pk" PRIMARY KEY("programme","grade","subject_code")
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"assessment" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teaching_assignments" (
	"person_id" text NOT NULL,
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"class_code" text NOT NULL,
	"subject_code" text NOT NULL,
	CONSTRAINT "teaching_assignments_person_id_school_id_year_class_code_subject_code_pk" PRIMARY KEY("person_id","school_id","year","class_code","subject_code")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_guardian_id_people_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homeroom_assignments" ADD CONSTRAINT "homeroom_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_years" ADD CONSTRAINT "school_years_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_periods" ADD CONSTRAINT "subject_periods_subject_code_subjects_code_fk" FOREIGN KEY ("subject_code") REFERENCES "public"."subjects"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_assignments" ADD CONSTRAINT "teaching_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_assignments" ADD CONSTRAINT "teaching_assignments_subject_code_subjects_code_fk" FOREIGN KEY ("subject_code") REFERENCES "public"."subjects"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "yjs_updates_document_id_idx" ON "yjs_updates" USING btree ("document","id");--> statement-breakpoint
CREATE INDEX "enrolments_class_idx" ON "enrolments" USING btree ("school_id","year","class_code");--> statement-breakpoint
CREATE INDEX "sessions_person_idx" ON "sessions" USING btree ("person_id");