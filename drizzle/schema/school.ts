import { bigserial, boolean, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** District offices and schools; administrative units are data, never code (docs/domain/privacy.md §5). */
export const organisations = pgTable('organisations', {
	id: text('id').primaryKey(),
	kind: text('kind', { enum: ['district', 'school'] }).notNull(),
	name: text('name').notNull(),
	parentId: text('parent_id')
});

/**
 * Everyone the system knows: staff, students, guardians. The personal ID number is stored twice:
 * a keyed hash for matching at sign-in and import, and AES-256-GCM ciphertext for authorised display.
 */
export const people = pgTable('people', {
	id: text('id').primaryKey(),
	fullName: text('full_name').notNull(),
	birthDate: date('birth_date', { mode: 'string' }).notNull(),
	gender: text('gender', { enum: ['male', 'female'] }).notNull(),
	personalIdHash: text('personal_id_hash').unique(),
	personalIdCiphertext: text('personal_id_ciphertext'),
	personalIdMasked: text('personal_id_masked'),
	/** A guardian's phone from the school's roster (roster SPEC RI11); null when not given. */
	phone: text('phone'),
	verifiedBy: text('verified_by'),
	verifiedAt: timestamp('verified_at', { withTimezone: true }),
	/** Disabled everywhere (only a district officer may, access SPEC A11); per school see `staffSuspensions`. */
	disabledAt: timestamp('disabled_at', { withTimezone: true })
});

export const staffRoles = pgTable(
	'staff_roles',
	{
		personId: text('person_id').notNull().references(() => people.id),
		organisationId: text('organisation_id').notNull().references(() => organisations.id),
		role: text('role', {
			enum: ['district_officer', 'principal', 'vice_principal', 'scheduler', 'teacher', 'accountant']
		}).notNull()
	},
	// The district's staff pages start from the organisations (the key starts with the person).
	(t) => [primaryKey({ columns: [t.personId, t.organisationId, t.role] }), index('staff_roles_organisation_idx').on(t.organisationId)]
);

/**
 * A staff member disabled at one school (access SPEC A10): while the row exists, the person's roles
 * and assignments at that school grant nothing; their other schools and guardianships are untouched.
 */
export const staffSuspensions = pgTable(
	'staff_suspensions',
	{
		personId: text('person_id').notNull().references(() => people.id),
		schoolId: text('school_id').notNull().references(() => organisations.id),
		disabledBy: text('disabled_by').notNull().references(() => people.id),
		disabledAt: timestamp('disabled_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.personId, t.schoolId] })]
);

/**
 * Who changed a school's staff, and how (access SPEC A12): one row per add, assignment, removal,
 * disabling and re-enabling, shown to the school's leaders. `detail` never holds a personal ID.
 */
export const staffAudit = pgTable(
	'staff_audit',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		actorId: text('actor_id').notNull().references(() => people.id),
		personId: text('person_id').notNull().references(() => people.id),
		schoolId: text('school_id').notNull().references(() => organisations.id),
		action: text('action', {
			enum: ['add', 'assign', 'unassign', 'homeroom', 'disable', 'enable', 'disable_everywhere', 'enable_everywhere', 'csdl_update', 'leave']
		}).notNull(),
		detail: text('detail').notNull().default(''),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [index('staff_audit_school_idx').on(t.schoolId, t.at)]
);

export const schoolYears = pgTable(
	'school_years',
	{
		schoolId: text('school_id').notNull().references(() => organisations.id),
		year: text('year').notNull(),
		current: boolean('current').notNull().default(false)
	},
	(t) => [primaryKey({ columns: [t.schoolId, t.year] })]
);

export const classes = pgTable(
	'classes',
	{
		schoolId: text('school_id').notNull().references(() => organisations.id),
		year: text('year').notNull(),
		code: text('code').notNull(),
		name: text('name').notNull(),
		grade: integer('grade').notNull()
	},
	(t) => [primaryKey({ columns: [t.schoolId, t.year, t.code] })]
);

/** Subjects of the 2018 programme with their periods per year, as dated data (curriculum §2). */
export const subjects = pgTable('subjects', {
	code: text('code').primaryKey(),
	name: text('name').notNull(),
	shortName: text('short_name').notNull(),
	assessment: text('assessment', { enum: ['score', 'comment'] }).notNull()
});

export const subjectPeriods = pgTable(
	'subject_periods',
	{
		programme: text('programme').notNull(),
		grade: integer('grade').notNull(),
		subjectCode: text('subject_code').notNull().references(() => subjects.code),
		periodsPerYear: integer('periods_per_year').notNull()
	},
	(t) => [primaryKey({ columns: [t.programme, t.grade, t.subjectCode] })]
);

export const students = pgTable(
	'students',
	{
		id: text('id').primaryKey(),
		personId: text('person_id').notNull().references(() => people.id),
		schoolId: text('school_id').notNull().references(() => organisations.id),
		moetCode: text('moet_code').notNull().unique()
	},
	// A school's students: leaders' student views and the district's per-school figures.
	(t) => [index('students_school_idx').on(t.schoolId)]
);

export const enrolments = pgTable(
	'enrolments',
	{
		studentId: text('student_id').notNull().references(() => students.id),
		schoolId: text('school_id').notNull(),
		year: text('year').notNull(),
		classCode: text('class_code').notNull(),
		/**
		 * The state the education database gives the student (exchange SPEC CX5): 'dang-hoc' while
		 * studying; a leaving state (chuyen-di, thoi-hoc, …) keeps the enrolment, marks and history.
		 */
		status: text('status').notNull().default('dang-hoc'),
		statusDate: date('status_date', { mode: 'string' })
	},
	(t) => [
		primaryKey({ columns: [t.studentId, t.year] }),
		index('enrolments_class_idx').on(t.schoolId, t.year, t.classCode)
	]
);

export const teachingAssignments = pgTable(
	'teaching_assignments',
	{
		personId: text('person_id').notNull().references(() => people.id),
		schoolId: text('school_id').notNull(),
		year: text('year').notNull(),
		classCode: text('class_code').notNull(),
		subjectCode: text('subject_code').notNull().references(() => subjects.code)
	},
	// Who teaches a class: the key starts with the person, so a class's teachers need their own index.
	(t) => [primaryKey({ columns: [t.personId, t.schoolId, t.year, t.classCode, t.subjectCode] }), index('teaching_assignments_class_idx').on(t.schoolId, t.year, t.classCode)]
);

export const homeroomAssignments = pgTable(
	'homeroom_assignments',
	{
		personId: text('person_id').notNull().references(() => people.id),
		schoolId: text('school_id').notNull(),
		year: text('year').notNull(),
		classCode: text('class_code').notNull()
	},
	// A person's grants are loaded on every request: by person, not by class.
	(t) => [primaryKey({ columns: [t.schoolId, t.year, t.classCode] }), index('homeroom_assignments_person_idx').on(t.personId)]
);

/** Guardian ↔ student links and their verification state (docs/domain/identity.md §6). */
export const guardianships = pgTable(
	'guardianships',
	{
		guardianId: text('guardian_id').notNull().references(() => people.id),
		studentId: text('student_id').notNull().references(() => students.id),
		// The roster's relations (roster SPEC RI9); a grandparent or an aunt raising a child is 'guardian'.
		relation: text('relation', { enum: ['father', 'mother', 'guardian'] }).notNull(),
		state: text('state', {
			enum: ['declared', 'school_checked', 'authority_confirmed', 'needs_more_info', 'rejected', 'revoked']
		}).notNull(),
		evidence: text('evidence'),
		checkedBy: text('checked_by'),
		checkedAt: timestamp('checked_at', { withTimezone: true })
	},
	// A student's guardians (revocation, the child's view, the desk) are found by student.
	(t) => [primaryKey({ columns: [t.guardianId, t.studentId] }), index('guardianships_student_idx').on(t.studentId)]
);

/**
 * Every change of a guardianship's verification state (guardianship SPEC GV1–GV9): who, when, how
 * and on what evidence. `evidence` never holds a personal ID number or the card QR text.
 */
export const guardianshipEvents = pgTable(
	'guardianship_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		guardianId: text('guardian_id').notNull().references(() => people.id),
		studentId: text('student_id').notNull().references(() => students.id),
		fromState: text('from_state'),
		toState: text('to_state').notNull(),
		method: text('method', { enum: ['import', 'qr', 'sight', 'vneid', 'police_list', 'staff'] }).notNull(),
		evidence: text('evidence').notNull().default(''),
		reason: text('reason').notNull().default(''),
		actorId: text('actor_id').notNull().references(() => people.id),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [index('guardianship_events_link_idx').on(t.guardianId, t.studentId, t.at)]
);

/** One row per school and day: the coverage figures of that day (the dashboard's history). */
export const coverageSnapshots = pgTable(
	'coverage_snapshots',
	{
		schoolId: text('school_id').notNull().references(() => organisations.id),
		day: date('day', { mode: 'string' }).notNull(),
		figures: text('figures').notNull()
	},
	(t) => [primaryKey({ columns: [t.schoolId, t.day] })]
);

/**
 * Every exchange with the education database (exchange SPEC CX10): imports and exports, per school
 * and, for exports, per class; what happened and, when it failed, why. `detail` never holds a
 * personal ID number.
 */
export const exchangeRuns = pgTable(
	'exchange_runs',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		schoolId: text('school_id').notNull().references(() => organisations.id),
		kind: text('kind', { enum: ['student_import', 'teacher_import', 'results_export'] }).notNull(),
		classCode: text('class_code'),
		outcome: text('outcome', { enum: ['done', 'failed', 'pending'] }).notNull(),
		detail: text('detail').notNull().default(''),
		actorId: text('actor_id').notNull().references(() => people.id),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [index('exchange_runs_school_idx').on(t.schoolId, t.at)]
);

/**
 * A staff member's job at a school as the education database's staff export gives it (exchange
 * SPEC CX17): job position, position group and subjects taught. Written only by a confirmed staff
 * import; kept when the person leaves (the history of who held which job).
 */
export const staffProfiles = pgTable(
	'staff_profiles',
	{
		personId: text('person_id').notNull().references(() => people.id),
		schoolId: text('school_id').notNull().references(() => organisations.id),
		position: text('position').notNull(),
		positionGroup: text('position_group'),
		/** Subjects taught, as the export names them, separated by ", ". */
		subjects: text('subjects').notNull().default(''),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.personId, t.schoolId] })]
);
