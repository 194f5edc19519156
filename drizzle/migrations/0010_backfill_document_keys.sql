-- Fills the key columns of documents registered before 0009 from their names, the same way
-- documentRow() in src/lib/ydoc/document-name.ts does for new ones. Only names of the exact shape
-- of their kind are keyed; anything else keeps null keys and stays stored (nothing is deleted).
-- tests/integration/document-keys-migration.test.ts checks that both agree for every document.
UPDATE "yjs_documents" SET
	"school" = split_part("name", '/', 2),
	"year" = split_part("name", '/', 3),
	"term" = split_part("name", '/', 4),
	"class_code" = split_part("name", '/', 5),
	"subject" = split_part("name", '/', 6)
WHERE "name" ~ '^gradebook/[^/]+/[^/]+/hk[12]/[^/]+/[^/]+$';--> statement-breakpoint
UPDATE "yjs_documents" SET
	"school" = split_part("name", '/', 2),
	"year" = split_part("name", '/', 3),
	"term" = split_part("name", '/', 4),
	"class_code" = split_part("name", '/', 5)
WHERE "name" ~ '^homeroom/[^/]+/[^/]+/hk[12]/[^/]+$';--> statement-breakpoint
UPDATE "yjs_documents" SET
	"school" = split_part("name", '/', 2),
	"year" = split_part("name", '/', 3)
WHERE "name" ~ '^timetable/[^/]+/[^/]+/[^/]+$';--> statement-breakpoint
UPDATE "yjs_documents" SET
	"year" = split_part("name", '/', 3),
	"student" = split_part("name", '/', 2)
WHERE "name" ~ '^student/[^/]+/[^/]+$';
