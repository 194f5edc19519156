/**
 * Student views (`student/<student>/<year>`, parents SPEC PV1–PV7): the server's projection of one
 * child's year, built from the validated SQL projections (grade_entries, homeroom_entries, term
 * locks, correction requests) — never from class document content — through the pure builder
 * (src/lib/domain/student-view), and written through the sync server's server-write port, so a
 * parent who has the document open sees the change live and the update is persisted like any
 * other. Only what changed is written (PV5).
 *
 * Re-projected after each grade or homeroom projection (only the students whose rows changed),
 * after a term lock or unlock (the classes it covers), after a correction request or decision (its
 * students), and created on first demand (a verified guardian's ticket, the child's page).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Database } from '../../../../drizzle/database';
import {
	classes,
	correctionCells,
	correctionRequests,
	enrolments,
	gradeComments,
	gradeEntries,
	homeroomEntries,
	organisations,
	people,
	schoolYears,
	students as studentsTable,
	yjsDocuments
} from '../../../../drizzle/schema';
import { isGrade } from '../../domain/curriculum/subjects';
import { summarySubjects, type MarkRecord, type Term } from '../../domain/reports';
import { buildStudentView, type StudentHomeroomRecord, type StudentView } from '../../domain/student-view/build';
import { isLevel } from '../../domain/tt22';
import { formatDocumentName, parseDocumentName } from '../../ydoc/document-name';
import { writeStudentDayChanges, writeStudentTimetable, writeStudentView, type StudentDayChange, type StudentTimetableWeek } from '../../ydoc/student-view';
import { addDays } from '../../domain/timetable/day-changes';
import { namedChanges } from '../timetable/day-changes';
import { isClassLocked } from '../grades/term-locks';
import { orderedPerKey } from '../ordered-per-key';
import { vietnamDate } from '../../domain/calendar/vietnam-time';
import { studentTimetable } from '../timetable/publish';

/**
 * The server-write port (sync-server/composition.ts): applies a server-origin change to the
 * document's room — broadcast to its clients, fanned out to other instances, persisted — loading
 * it from storage when no one has it open. Resolves once durable.
 */
export type ServerWrite = (document: string, change: (doc: Y.Doc) => void) => Promise<void>;

/** What changed, for the views that show it. */
export type StudentViewScope = { year: string; students: readonly string[] } | { school: string; year: string; classCodes: readonly string[] };

export interface StudentViews {
	/** Re-projects the views of a scope (queued; coalesced per view). */
	refresh(scope: StudentViewScope): Promise<void>;
	/**
	 * Projects the student's view now and waits for it (first demand). Returns false when the
	 * student has no enrolment that year (nothing to show).
	 */
	ensure(student: string, year: string): Promise<boolean>;
	idle(): Promise<void>;
	backlog(): number;
}

export function studentViewName(student: string, year: string): string {
	return formatDocumentName({ kind: 'student', student, year });
}

/** The inputs of one student's view for one year, from SQL; null when not enrolled that year. */
export async function loadStudentView(db: Database, student: string, year: string): Promise<StudentView | null> {
	const [row] = await db
		.select({
			id: studentsTable.id,
			name: people.fullName,
			code: studentsTable.moetCode,
			school: enrolments.schoolId,
			classCode: enrolments.classCode,
			className: classes.name,
			grade: classes.grade,
			schoolName: organisations.name
		})
		.from(studentsTable)
		.innerJoin(people, eq(people.id, studentsTable.personId))
		.innerJoin(enrolments, and(eq(enrolments.studentId, studentsTable.id), eq(enrolments.year, year)))
		.innerJoin(classes, and(eq(classes.schoolId, enrolments.schoolId), eq(classes.year, enrolments.year), eq(classes.code, enrolments.classCode)))
		.innerJoin(organisations, eq(organisations.id, enrolments.schoolId))
		.where(eq(studentsTable.id, student));
	if (!row) return null;
	const { school, classCode } = row;
	const books = await db
		.select({ name: yjsDocuments.name })
		.from(yjsDocuments)
		.where(and(eq(yjsDocuments.school, school), eq(yjsDocuments.year, year), eq(yjsDocuments.kind, 'gradebook'), eq(yjsDocuments.classCode, classCode)));
	const gradebooks = new Map<string, { subject: string; term: Term }>();
	for (const { name } of books) {
		const parsed = parseDocumentName(name);
		if (parsed.ok && parsed.ref.kind === 'gradebook' && parsed.ref.classCode === classCode) gradebooks.set(name, { subject: parsed.ref.subject, term: parsed.ref.term });
	}
	const names = [...gradebooks.keys()];
	// Every query is narrowed to this one student (PV1): no other child's row is ever read.
	const [markRows, commentRows, homeroomRows, pendingRows, lockHk1, lockHk2] = await Promise.all([
		names.length === 0
			? []
			: db
					.select({ document: gradeEntries.document, columnKey: gradeEntries.columnKey, value: gradeEntries.value })
					.from(gradeEntries)
					.where(and(eq(gradeEntries.studentId, student), inArray(gradeEntries.document, names))),
		names.length === 0
			? []
			: db
					.select({ document: gradeComments.document, text: gradeComments.text })
					.from(gradeComments)
					.where(and(eq(gradeComments.studentId, student), inArray(gradeComments.document, names))),
		db
			.select()
			.from(homeroomEntries)
			.where(and(eq(homeroomEntries.school, school), eq(homeroomEntries.year, year), eq(homeroomEntries.classCode, classCode), eq(homeroomEntries.studentId, student))),
		names.length === 0
			? []
			: db
					.select({ document: correctionRequests.document, columnKey: correctionCells.columnKey })
					.from(correctionCells)
					.innerJoin(correctionRequests, eq(correctionRequests.id, correctionCells.requestId))
					.where(and(eq(correctionCells.studentId, student), eq(correctionRequests.status, 'pending'), inArray(correctionRequests.document, names))),
		isClassLocked(db, { school, year, term: 'hk1', classCode }),
		isClassLocked(db, { school, year, term: 'hk2', classCode })
	]);
	const marks: MarkRecord[] = markRows.flatMap((r) => {
		const book = gradebooks.get(r.document);
		return book ? [{ studentId: student, subject: book.subject, term: book.term, column: r.columnKey, value: r.value }] : [];
	});
	const homeroom: StudentHomeroomRecord[] = homeroomRows.flatMap((r) =>
		r.term === 'hk1' || r.term === 'hk2'
			? [
					{
						studentId: student,
						term: r.term,
						conduct: isLevel(r.conduct) ? r.conduct : null,
						absences: { excused: r.absencesExcused, unexcused: r.absencesUnexcused, unclassified: r.absencesUnclassified },
						comment: r.comment,
						conductComment: r.conductComment
					}
				]
			: []
	);
	const pending = pendingRows.flatMap((r) => {
		const book = gradebooks.get(r.document);
		return book ? [{ studentId: student, subject: book.subject, term: book.term, column: r.columnKey }] : [];
	});
	const comments = commentRows.flatMap((r) => {
		const book = gradebooks.get(r.document);
		return book && r.text !== '' ? [{ studentId: student, subject: book.subject, term: book.term, text: r.text }] : [];
	});
	const grade = isGrade(row.grade) ? row.grade : 6;
	return buildStudentView({
		student: { id: row.id, name: row.name, code: row.code },
		schoolName: row.schoolName,
		className: row.className,
		grade,
		year,
		subjects: summarySubjects(new Set([...gradebooks.values()].map((b) => b.subject)), grade),
		marks,
		homeroom,
		locks: { hk1: lockHk1, hk2: lockHk2 },
		pending,
		comments
	});
}

/**
 * The published weeks of the student's class that year (timetable SPEC TT9): the one in effect on
 * `date` and the later ones; none when the class's week is not published or the student is not
 * enrolled. Only the one class's records are read.
 */
export async function loadStudentTimetable(db: Database, student: string, year: string, date: string): Promise<StudentTimetableWeek[]> {
	const [row] = await db
		.select({ school: enrolments.schoolId, classCode: enrolments.classCode })
		.from(enrolments)
		.where(and(eq(enrolments.studentId, student), eq(enrolments.year, year)));
	return row ? studentTimetable(db, row.school, year, row.classCode, date) : [];
}

/** TT29: how many days ahead a student view carries the class's day changes. */
const DAY_CHANGE_DAYS = 28;

/**
 * TT29: the day changes of the student's class from `date` on (DAY_CHANGE_DAYS days): subject,
 * substitute's name or the cancellation; nothing of other classes, no absence reason.
 */
export async function loadStudentDayChanges(db: Database, student: string, year: string, date: string): Promise<StudentDayChange[]> {
	const [row] = await db
		.select({ school: enrolments.schoolId, classCode: enrolments.classCode })
		.from(enrolments)
		.where(and(eq(enrolments.studentId, student), eq(enrolments.year, year)));
	if (!row) return [];
	const changes = await namedChanges(db, row.school, date, addDays(date, DAY_CHANGE_DAYS - 1), { classCode: row.classCode });
	return changes.map((c) => ({ date: c.date, slot: c.slot, kind: c.kind, subjectName: c.subjectName, substituteName: c.kind === 'substitute' ? c.substituteName : null }));
}

/** The current school year of the student's school, or null. */
export async function currentYearOf(db: Database, student: string): Promise<string | null> {
	const [row] = await db
		.select({ year: schoolYears.year })
		.from(studentsTable)
		.innerJoin(schoolYears, and(eq(schoolYears.schoolId, studentsTable.schoolId), eq(schoolYears.current, true)))
		.where(eq(studentsTable.id, student));
	return row?.year ?? null;
}

export function studentViewProjection(db: Database, write: ServerWrite, options: { now?: () => number; log?: (message: string, fields: Record<string, unknown>) => void } = {}): StudentViews {
	const now = options.now ?? Date.now;
	const ordered = orderedPerKey();
	/** Views with a projection queued but not started: a further request joins it (coalescing). */
	const queued = new Map<string, Promise<boolean>>();

	async function project(student: string, year: string): Promise<boolean> {
		const view = await loadStudentView(db, student, year);
		if (!view) return false;
		const at = now();
		const timetable = await loadStudentTimetable(db, student, year, vietnamDate(at));
		const dayChanges = await loadStudentDayChanges(db, student, year, vietnamDate(at));
		await write(studentViewName(student, year), (doc) => {
			writeStudentView(doc, view, at);
			writeStudentTimetable(doc, timetable, at);
			writeStudentDayChanges(doc, dayChanges, at);
		});
		return true;
	}

	function schedule(student: string, year: string): Promise<boolean> {
		const name = studentViewName(student, year);
		const waiting = queued.get(name);
		if (waiting) return waiting;
		let result = false;
		const done = ordered
			.run(name, async () => {
				queued.delete(name);
				result = await project(student, year);
			})
			.then(() => result);
		queued.set(name, done);
		return done;
	}

	async function studentsOf(scope: StudentViewScope): Promise<string[]> {
		if ('students' in scope) return [...new Set(scope.students)];
		if (scope.classCodes.length === 0) return [];
		const rows = await db
			.select({ id: enrolments.studentId })
			.from(enrolments)
			.where(and(eq(enrolments.schoolId, scope.school), eq(enrolments.year, scope.year), inArray(enrolments.classCode, [...scope.classCodes])));
		return rows.map((r) => r.id);
	}

	/**
	 * PV6: a change refreshes only views someone asked for (registered); the others are built on
	 * their first demand, from SQL as it is then — no document for a child nobody looks at.
	 */
	async function existing(students: readonly string[], year: string): Promise<string[]> {
		if (students.length === 0) return [];
		const byName = new Map(students.map((student) => [studentViewName(student, year), student]));
		const rows = await db
			.select({ name: yjsDocuments.name })
			.from(yjsDocuments)
			.where(and(eq(yjsDocuments.kind, 'student'), eq(yjsDocuments.year, year), inArray(yjsDocuments.name, [...byName.keys()])));
		return rows.map((r) => byName.get(r.name)!).filter((student) => student !== undefined);
	}

	async function refresh(scope: StudentViewScope): Promise<void> {
		const students = await existing(await studentsOf(scope), scope.year);
		const results = await Promise.allSettled(students.map((student) => schedule(student, scope.year)));
		for (const [i, result] of results.entries()) {
			if (result.status === 'rejected') options.log?.('student view projection failed', { student: students[i], year: scope.year, error: String(result.reason) });
		}
	}

	return {
		refresh,
		ensure: (student, year) => schedule(student, year),
		idle: ordered.idle,
		backlog: ordered.backlog
	};
}
