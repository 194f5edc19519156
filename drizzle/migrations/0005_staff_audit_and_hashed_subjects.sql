CREATE TABLE "staff_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" text NOT NULL,
	"person_id" text NOT NULL,
	"school_id" text NOT NULL,
	"action" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_suspensions" (
	"person_id" text NOT NULL,
	"school_id" text NOT NULL,
	"disabled_by" text NOT NULL,
	"disabled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "staff_suspensions_person_id_school_id_pk" PRIMARY KEY("person_id","school_id")
);
--> statement-breakpoint
ALTER TABLE "oidc_identities" ADD COLUMN "subject_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "oidc_identities" DROP CONSTRAINT "oidc_identities_issuer_subject_pk";--> statement-breakpoint
ALTER TABLE "oidc_identities" ADD CONSTRAINT "oidc_identities_issuer_subject_hash_pk" PRIMARY KEY("issuer","subject_hash");--> statement-breakpoint
ALTER TABLE "staff_audit" ADD CONSTRAINT "staff_audit_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_audit" ADD CONSTRAINT "staff_audit_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_audit" ADD CONSTRAINT "staff_audit_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_suspensions" ADD CONSTRAINT "staff_suspensions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_suspensions" ADD CONSTRAINT "staff_suspensions_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_suspensions" ADD CONSTRAINT "staff_suspensions_disabled_by_people_id_fk" FOREIGN KEY ("disabled_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_audit_school_idx" ON "staff_audit" USING btree ("school_id","at");--> statement-breakpoint
ALTER TABLE "oidc_identities" DROP COLUMN "subject";