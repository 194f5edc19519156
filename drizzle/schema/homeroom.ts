import { bigserial, boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The query side of homeroom documents (sổ chủ nhiệm), projected by a sync hook like grade
 * entries: one row per student per class × term with what the homeroom teacher entered.
 * `conduct` is 'Tốt' | 'Khá' | 'Đạt' | 'Chưa đạt' (NFC) or null; the absence columns are sessions
 * (buổi), null until entered: có phép, không phép, and — column `absences`, its name from before
 * the split — the old undivided number (chưa phân loại, homeroom SPEC H3).
 */
export const homeroomEntries = pgTable(
	'homeroom_entries',
	{
		document: text('document').notNull(),
		school: text('school').notNull(),
		year: text('year').notNull(),
		term: text('term').notNull(),
		classCode: text('class_code').notNull(),
		studentId: text('student_id').notNull(),
		conduct: text('conduct'),
		conductComment: text('conduct_comment').notNull().default(''),
		absencesExcused: integer('absences_excused'),
		absencesUnexcused: integer('absences_unexcused'),
		absencesUnclassified: integer('absences'),
		comment: text('comment').notNull().default(''),
		updatedBy: text('updated_by'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.document, t.studentId] }), index('homeroom_entries_class_idx').on(t.school, t.year, t.classCode, t.term)]
);

/** Every change of a homeroom field (conduct is a manual level: TT22 §6 wants an audit trail). */
export const homeroomAudit = pgTable(
	'homeroom_audit',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		document: text('document').notNull(),
		studentId: text('student_id').notNull(),
		field: text('field').notNull(),
		oldValue: text('old_value'),
		newValue: text('new_value'),
		/** The authenticated person whose connection brought the change; null for server writes. */
		personId: text('person_id'),
		personName: text('person_name'),
		enteredAt: timestamp('entered_at', { withTimezone: true }),
		offline: boolean('offline').notNull().default(false),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('homeroom_audit_document_idx').on(t.document, t.studentId)]
);
