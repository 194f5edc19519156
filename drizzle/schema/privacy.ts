import { bigserial, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { people } from './school';

/**
 * A guardian's acceptance of the purpose notice (privacy SPEC PR1–PR3): one row per person and
 * notice version, with the time. A new version needs a new row. Withdrawing (PR15) sets
 * `withdrawnAt` (and copies the acceptance into `guardian_consent_withdrawals`); accepting again
 * afterwards sets a new `acceptedAt` and clears it. Rows are never deleted.
 */
export const guardianConsents = pgTable(
	'guardian_consents',
	{
		personId: text('person_id').notNull().references(() => people.id),
		version: text('version').notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.personId, t.version] })]
);

/** Every withdrawal of consent (PR15), with the acceptance it ended: append-only history. */
export const guardianConsentWithdrawals = pgTable(
	'guardian_consent_withdrawals',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		personId: text('person_id').notNull().references(() => people.id),
		version: text('version').notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }).notNull()
	},
	(t) => [index('guardian_consent_withdrawals_person_idx').on(t.personId)]
);

/**
 * Every view of students' personal data (privacy SPEC PR4–PR9): who (and in which role, as a label
 * fixed at the time of the view), what, which student or class (or the whole school), when. One row
 * per class or student viewed — a class view is never exploded into one row per student.
 */
export const viewLog = pgTable(
	'view_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		actorId: text('actor_id').notNull(),
		actorName: text('actor_name').notNull(),
		roleLabel: text('role_label').notNull(),
		kind: text('kind', { enum: ['document', 'page', 'export'] }).notNull(),
		/** A document name or a route, for the record. */
		target: text('target').notNull(),
		/** What was seen, in Vietnamese, as the log pages show it. */
		what: text('what').notNull(),
		schoolId: text('school_id').notNull(),
		/** School year; null only when the view was not tied to one. */
		year: text('year'),
		/** Set for a class view; both null for a school-wide view. */
		classCode: text('class_code'),
		/** Set for a view of one student. */
		studentId: text('student_id')
	},
	(t) => [
		index('view_log_school_idx').on(t.schoolId, t.at),
		index('view_log_student_idx').on(t.studentId),
		index('view_log_class_idx').on(t.schoolId, t.year, t.classCode)
	]
);
