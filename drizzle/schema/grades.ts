import { bigserial, boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The query side of gradebooks (docs/architecture.md §1): the current value of every mark, projected
 * from the Yjs documents by a sync hook, so reports, parents and dashboards read SQL.
 * `value` is canonical text: "7.5" for a score, "Đ"/"CĐ" for a comment mark.
 */
export const gradeEntries = pgTable(
	'grade_entries',
	{
		document: text('document').notNull(),
		studentId: text('student_id').notNull(),
		columnKey: text('column_key').notNull(),
		value: text('value'),
		updatedBy: text('updated_by'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.document, t.studentId, t.columnKey] }), index('grade_entries_student_idx').on(t.studentId)]
);

/** Every mark change: who (as the sync server authenticated them), when, old → new, offline or not. */
export const gradeAudit = pgTable(
	'grade_audit',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		document: text('document').notNull(),
		studentId: text('student_id').notNull(),
		columnKey: text('column_key').notNull(),
		oldValue: text('old_value'),
		newValue: text('new_value'),
		/** The authenticated person whose connection brought the change; null for server writes. */
		personId: text('person_id'),
		personName: text('person_name'),
		/** What the entering device said: its time and whether it was offline. */
		enteredAt: timestamp('entered_at', { withTimezone: true }),
		offline: boolean('offline').notNull().default(false),
		source: text('source', { enum: ['sync', 'correction'] }).notNull().default('sync'),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('grade_audit_document_idx').on(t.document, t.studentId, t.columnKey)]
);

/**
 * Subject teachers' per-student comments (nhận xét, TT22 Điều 5–6) of each gradebook, projected
 * from its `comments` map like marks (parents SPEC PV9): the text the student view shows.
 */
export const gradeComments = pgTable(
	'grade_comments',
	{
		document: text('document').notNull(),
		studentId: text('student_id').notNull(),
		text: text('text').notNull(),
		/** The teacher's name as the document records it (who wrote the comment). */
		byName: text('by_name'),
		updatedBy: text('updated_by'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.document, t.studentId] }), index('grade_comments_student_idx').on(t.studentId)]
);

/** Every comment change, audited like a mark: who (as authenticated), when, old → new. */
export const gradeCommentAudit = pgTable(
	'grade_comment_audit',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		document: text('document').notNull(),
		studentId: text('student_id').notNull(),
		oldText: text('old_text'),
		newText: text('new_text'),
		personId: text('person_id'),
		personName: text('person_name'),
		enteredAt: timestamp('entered_at', { withTimezone: true }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('grade_comment_audit_document_idx').on(t.document, t.studentId)]
);

/** Khóa sổ: a term locked for a class, a grade or the whole school (scope value '' for the school). */
export const termLocks = pgTable(
	'term_locks',
	{
		school: text('school').notNull(),
		year: text('year').notNull(),
		term: text('term').notNull(),
		scope: text('scope', { enum: ['school', 'grade', 'class'] }).notNull(),
		scopeValue: text('scope_value').notNull(),
		lockedBy: text('locked_by').notNull(),
		lockedAt: timestamp('locked_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.school, t.year, t.term, t.scope, t.scopeValue] })]
);

/** Edits that reached the server after the term was locked: kept for the principal to decide. */
export const correctionRequests = pgTable(
	'correction_requests',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		document: text('document').notNull(),
		personId: text('person_id').notNull(),
		personName: text('person_name').notNull(),
		status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		decidedBy: text('decided_by'),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		reason: text('reason')
	},
	(t) => [index('correction_requests_document_idx').on(t.document, t.status)]
);

export const correctionCells = pgTable(
	'correction_cells',
	{
		requestId: integer('request_id')
			.notNull()
			.references(() => correctionRequests.id, { onDelete: 'cascade' }),
		studentId: text('student_id').notNull(),
		columnKey: text('column_key').notNull(),
		oldValue: text('old_value'),
		newValue: text('new_value')
	},
	(t) => [primaryKey({ columns: [t.requestId, t.studentId, t.columnKey] })]
);
