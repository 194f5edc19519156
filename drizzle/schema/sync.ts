import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';

/**
 * Every Yjs document the app knows about. Tickets are minted only for registered documents.
 * The key columns repeat what the name says (src/lib/ydoc/document-name.ts parses it; `documentRow`
 * fills them) so that listings select a person's documents through indexes instead of reading and
 * parsing every name of the district. Null where the kind has no such key (a student view has no
 * school or class; only gradebooks have a subject).
 */
export const yjsDocuments = pgTable(
	'yjs_documents',
	{
		name: text('name').primaryKey(),
		kind: text('kind').notNull(),
		school: text('school'),
		year: text('year'),
		term: text('term'),
		classCode: text('class_code'),
		subject: text('subject'),
		student: text('student'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		// A school's year, one kind, one class: leaders' listings, a class's gradebooks, term locks.
		index('yjs_documents_school_year_idx').on(table.school, table.year, table.kind, table.classCode, table.term),
		// A student's views by year: parents' and leaders' student documents.
		index('yjs_documents_student_year_idx').on(table.student, table.year)
	]
);

/**
 * The append log of Yjs updates. Compaction replaces a document's rows up to some id with one
 * merged row (a snapshot) inside a transaction; Yjs updates commute, so row order never matters.
 */
export const yjsUpdates = pgTable(
	'yjs_updates',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		document: text('document').notNull(),
		data: bytea('data').notNull(),
		/** How many updates were merged into this row: 1 for a plain update. */
		merged: integer('merged').notNull().default(1),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('yjs_updates_document_id_idx').on(table.document, table.id)]
);
