import { bigserial, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Integrity alerts (projections SPEC P5): document content the SQL projections refused to take
 * (an off-roster student, an unknown column, an impossible timestamp, erased history) and drift
 * the reconciliation found between a projection and its document. One row per document and kind,
 * deduplicated: a repeat raises `count` and `last_seen`, and `detail` holds the latest examples.
 * Shown to the school's leaders (/quan-ly/toan-ven).
 */
export const integrityAlerts = pgTable(
	'integrity_alerts',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		school: text('school').notNull(),
		document: text('document').notNull(),
		kind: text('kind').notNull(),
		detail: text('detail').notNull(),
		count: integer('count').notNull().default(1),
		firstSeen: timestamp('first_seen', { withTimezone: true }).notNull().defaultNow(),
		lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('integrity_alerts_document_kind_idx').on(t.document, t.kind)]
);
