import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
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

/**
 * Day changes of a school's timetable (timetable SPEC TT20–TT24): a teacher absent on a date
 * (`slots` null: the whole day; else the slot keys of that weekday), and per class × slot × date
 * what was decided — a substitute or a cancellation. One row per lesson and date; every decision
 * and every removal is also written to `timetable_change_audit` (who, when, before, after).
 */
export const timetableAbsences = pgTable(
	'timetable_absences',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		school: text('school').notNull(),
		year: text('year').notNull(),
		teacherId: text('teacher_id').notNull(),
		/** YYYY-MM-DD */
		date: text('date').notNull(),
		/** Slot keys of the date's weekday; null = the whole day. */
		slots: text('slots').array(),
		reason: text('reason').notNull().default(''),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('timetable_absences_teacher_date_idx').on(t.school, t.teacherId, t.date), index('timetable_absences_date_idx').on(t.school, t.date)]
);

export const timetableChanges = pgTable(
	'timetable_changes',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		school: text('school').notNull(),
		year: text('year').notNull(),
		date: text('date').notNull(),
		classCode: text('class_code').notNull(),
		slot: text('slot').notNull(),
		/** The version in effect on the date when the change was decided (e.g. "v1"). */
		version: text('version').notNull(),
		/** The lesson's subject and the week's teacher (the absent one), as the version had them. */
		subject: text('subject').notNull(),
		originalTeacher: text('original_teacher'),
		kind: text('kind', { enum: ['substitute', 'cancelled'] }).notNull(),
		substituteId: text('substitute_id'),
		decidedBy: text('decided_by').notNull(),
		decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('timetable_changes_lesson_idx').on(t.school, t.date, t.classCode, t.slot),
		index('timetable_changes_substitute_idx').on(t.school, t.substituteId, t.date)
	]
);

export const timetableChangeAudit = pgTable(
	'timetable_change_audit',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		school: text('school').notNull(),
		date: text('date').notNull(),
		/** What was done: 'absence', 'absence-removed', 'change', 'change-removed'. */
		action: text('action').notNull(),
		/** The class × slot (changes) or the teacher (absences) it concerns. */
		subject: text('subject').notNull(),
		oldValue: text('old_value'),
		newValue: text('new_value'),
		personId: text('person_id').notNull(),
		personName: text('person_name').notNull(),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('timetable_change_audit_date_idx').on(t.school, t.date)]
);

/**
 * Secret iCalendar feed URLs (timetable SPEC TT25–TT28): one per class or teacher and owner. Only
 * the SHA-256 of the token is stored; the URL is shown once when made. Revoking sets `revokedAt`
 * (the URL then answers 404); regenerating revokes and makes a new one.
 */
export const calendarFeeds = pgTable(
	'calendar_feeds',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		school: text('school').notNull(),
		year: text('year').notNull(),
		kind: text('kind', { enum: ['class', 'teacher'] }).notNull(),
		/** Class code or teacher (person) id. */
		target: text('target').notNull(),
		ownerId: text('owner_id').notNull(),
		tokenHash: text('token_hash').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('calendar_feeds_token_idx').on(t.tokenHash), index('calendar_feeds_owner_idx').on(t.ownerId)]
);
