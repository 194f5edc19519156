import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, bigint } from 'drizzle-orm/pg-core';
import type { PublishedFrame, PublishedLesson } from '../../src/lib/domain/timetable/week';
import { organisations, people } from './school';

/**
 * Timetable publications (timetable SPEC TT8–TT10): one row per act of publishing — which version
 * (the document name), for the whole school or one class, from which date, by whom, when. The
 * version's header (label, grid, bell times) is recorded as it was; the published weeks are in
 * `timetable_published_classes`. Rows are never updated or deleted: this is also the audit trail.
 */
export const timetablePublications = pgTable(
	'timetable_publications',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		schoolId: text('school_id').notNull().references(() => organisations.id),
		year: text('year').notNull(),
		/** The timetable document, `timetable/<school>/<year>/<version>`. */
		document: text('document').notNull(),
		scope: text('scope', { enum: ['school', 'class'] }).notNull(),
		/** The class a homeroom teacher published; null for the whole school. */
		classCode: text('class_code'),
		/** The first day it applies (YYYY-MM-DD). */
		effectiveFrom: text('effective_from').notNull(),
		frame: jsonb('frame').$type<PublishedFrame>().notNull(),
		publishedBy: text('published_by').notNull().references(() => people.id),
		publishedAt: timestamp('published_at', { withTimezone: true }).notNull()
	},
	(t) => [index('timetable_publications_school_idx').on(t.schoolId, t.year)]
);

/** The week of each class a publication covers, as it was when published, names resolved. */
export const timetablePublishedClasses = pgTable(
	'timetable_published_classes',
	{
		publicationId: bigint('publication_id', { mode: 'number' })
			.notNull()
			.references(() => timetablePublications.id),
		classCode: text('class_code').notNull(),
		className: text('class_name').notNull(),
		lessons: jsonb('lessons').$type<PublishedLesson[]>().notNull()
	},
	(t) => [primaryKey({ columns: [t.publicationId, t.classCode] })]
);
