import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';

/** Every Yjs document the app knows about. Tickets are minted only for registered documents. */
export const yjsDocuments = pgTable('yjs_documents', {
	name: text('name').primaryKey(),
	kind: text('kind').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

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
