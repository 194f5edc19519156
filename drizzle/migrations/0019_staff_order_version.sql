CREATE TABLE "cache_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "cache_versions" ("name", "version") VALUES ('staff', 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE FUNCTION "bump_staff_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "cache_versions" ("name", "version") VALUES ('staff', 1)
		ON CONFLICT ("name") DO UPDATE SET "version" = "cache_versions"."version" + 1;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "staff_roles_bump_staff_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "staff_roles" FOR EACH STATEMENT EXECUTE FUNCTION "bump_staff_version"();--> statement-breakpoint
CREATE TRIGGER "people_name_bump_staff_version" AFTER UPDATE OF "full_name" OR DELETE ON "people" FOR EACH STATEMENT EXECUTE FUNCTION "bump_staff_version"();
