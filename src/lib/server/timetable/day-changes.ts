/**
 * Day changes of a school's timetable (SPEC TT20–TT24): absences, substitutions and
 * cancellations in SQL, checked against the version in effect on each date with the domain's
 * rules (TK20–TK25), every decision audited. Also the one server entry to a class's or teacher's
 * lessons on concrete dates with the changes applied (`datedLessons`), for feeds and views.
 */
import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { people, timetableAbsences, timetableChangeAudit, timetableChanges } from '../../../../drizzle/schema';
import { SUBJECTS } from '../../domain/curriculum/subjects';
import type { Grants } from '../../domain/access/grants';
import type { Lesson } from '../../domain/timetable/conflicts';
import {
	affectedLessons,
	changeProblem,
	freeTeachers,
	versionInEffect,
	weekdayOf,
	weekWithChanges,
	type Absence,
	type DatedLesson,
	type DayChange,
	type WeekFor
} from '../../domain/timetable/day-changes';
import { inGrid, parseSlotKey } from '../../domain/timetable/period-grid';
import { ACTIVITY_SUBJECTS, readTimetable, splitLessonKey, unavailableOf, type TimetableMeta, type TimetableRoster } from '../../ydoc/timetable';
import { loadStoredDocument } from '../integrity/reconcile';
import { formatDate, listVersions } from './versions';

export type ChangeAccess = 'write' | 'read' | 'none';

/**
 * TT20: principals, vice-principals and schedulers decide day changes; the school's other staff
 * read them; nobody else.
 */
export function dayChangeAccess(grants: Grants, school: string): ChangeAccess {
	if (grants.disabled) return 'none';
	const roles = grants.roles.filter((r) => r.organisation === school).map((r) => r.role);
	if (roles.some((r) => r === 'principal' || r === 'vice_principal' || r === 'scheduler')) return 'write';
	return roles.some((r) => r !== 'district_officer') ? 'read' : 'none';
}

export interface VersionWeek {
	version: string;
	effectiveFrom: string;
	meta: TimetableMeta;
	roster: TimetableRoster;
	lessons: Lesson[];
}

/**
 * Every version of the year with its week of lessons, as stored (the sync server commits edits
 * within moments; a change decided against a week is checked again at each save).
 */
export async function loadVersionWeeks(db: Database, school: string, year: string): Promise<VersionWeek[]> {
	const weeks: VersionWeek[] = [];
	for (const v of await listVersions(db, school, year)) {
		const doc = await loadStoredDocument(db, v.name);
		const read = readTimetable(doc);
		doc.destroy();
		if (!read.ok) continue;
		const lessons: Lesson[] = [];
		for (const [key, entry] of read.lessons) {
			const parts = splitLessonKey(key);
			// TK34: a lesson a smaller grid left out is kept in the document but is no lesson of the week.
			if (!parts || entry.subject === null || !inGrid(read.meta.grid, parseSlotKey(parts.slot)!)) continue;
			lessons.push({ classCode: parts.classCode, slot: parts.slot, subject: entry.subject, teacher: entry.teacher, room: entry.room });
		}
		weeks.push({ version: v.version, effectiveFrom: v.effectiveFrom, meta: read.meta, roster: read.roster, lessons });
	}
	return weeks;
}

export class DayChangeError extends Error {}

const rowToChange = (r: typeof timetableChanges.$inferSelect): DayChange & { version: string; originalTeacher: string | null; decidedBy: string; decidedAt: Date } => ({
	date: r.date,
	classCode: r.classCode,
	slot: r.slot,
	kind: r.kind,
	substitute: r.substituteId,
	version: r.version,
	originalTeacher: r.originalTeacher,
	decidedBy: r.decidedBy,
	decidedAt: r.decidedAt
});

/** The absences and decided changes of a school on one date. */
export async function dayOf(db: Database, school: string, date: string) {
	const absences = await db.select().from(timetableAbsences).where(and(eq(timetableAbsences.school, school), eq(timetableAbsences.date, date))).orderBy(asc(timetableAbsences.createdAt));
	const changes = await db.select().from(timetableChanges).where(and(eq(timetableChanges.school, school), eq(timetableChanges.date, date)));
	return {
		absences: absences.map((a) => ({ id: a.id, teacher: a.teacherId, date: a.date, slots: a.slots, reason: a.reason, createdBy: a.createdBy, createdAt: a.createdAt })),
		changes: changes.map(rowToChange)
	};
}

/** Changes between two dates (both included), for dated views and feeds. */
export async function changesBetween(db: Database, school: string, from: string, to: string): Promise<DayChange[]> {
	const rows = await db
		.select()
		.from(timetableChanges)
		.where(and(eq(timetableChanges.school, school), gte(timetableChanges.date, from), lte(timetableChanges.date, to)));
	return rows.map(rowToChange);
}

/**
 * TT24: a class's or a teacher's lessons on `dates`, each date from the version in effect then
 * (TK21) with that date's changes (TK24). Dates before the first version have none.
 */
export async function datedLessons(db: Database, school: string, year: string, dates: readonly string[], who: WeekFor, weeks?: VersionWeek[]): Promise<DatedLesson[]> {
	if (dates.length === 0) return [];
	const all = weeks ?? (await loadVersionWeeks(db, school, year));
	const sorted = [...dates].sort();
	const changes = await changesBetween(db, school, sorted[0]!, sorted.at(-1)!);
	return weekWithChanges((date) => versionInEffect(all, date)?.lessons ?? [], changes, sorted, who);
}

interface Actor {
	personId: string;
	name: string;
}

/** The week in effect on a date, or a clear refusal (TK20, TK21). */
function weekOn(weeks: VersionWeek[], date: string): VersionWeek {
	if (weekdayOf(date) === null) throw new DayChangeError('Ngày này là Chủ nhật hoặc không phải ngày hợp lệ: không có tiết học.');
	const week = versionInEffect(weeks, date);
	if (!week) throw new DayChangeError(`Chưa có thời khóa biểu nào áp dụng vào ngày ${formatDate(date)}.`);
	return week;
}

const lockDay = (tx: Database, school: string, date: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`timetable-day:${school}:${date}`}))`);

/**
 * TT21: marks a teacher absent on a date, the whole day or some slots of that weekday (replacing
 * an earlier absence of theirs that date). The teacher must be in the version in effect.
 */
export async function markAbsent(db: Database, school: string, year: string, absence: Absence & { reason?: string }, actor: Actor): Promise<void> {
	const weeks = await loadVersionWeeks(db, school, year);
	const week = weekOn(weeks, absence.date);
	if (!week.roster.teachers.some((t) => t.id === absence.teacher)) throw new DayChangeError('Giáo viên này không có trong thời khóa biểu đang áp dụng.');
	const day = weekdayOf(absence.date);
	let slots: string[] | null = null;
	if (absence.slots !== null) {
		slots = [...new Set(absence.slots)];
		if (slots.length === 0) throw new DayChangeError('Hãy chọn ít nhất một tiết, hoặc cả ngày.');
		for (const slot of slots) {
			const parsed = parseSlotKey(slot);
			if (!parsed || parsed.day !== day || !inGrid(week.meta.grid, parsed)) throw new DayChangeError('Tiết đã chọn không thuộc ngày này.');
		}
	}
	const reason = (absence.reason ?? '').trim().slice(0, 200);
	await db.transaction(async (tx) => {
		await lockDay(tx as unknown as Database, school, absence.date);
		const [before] = await tx
			.select()
			.from(timetableAbsences)
			.where(and(eq(timetableAbsences.school, school), eq(timetableAbsences.teacherId, absence.teacher), eq(timetableAbsences.date, absence.date)));
		if (before) await tx.delete(timetableAbsences).where(eq(timetableAbsences.id, before.id));
		await tx.insert(timetableAbsences).values({ school, year, teacherId: absence.teacher, date: absence.date, slots, reason, createdBy: actor.personId });
		await tx.insert(timetableChangeAudit).values({
			school,
			date: absence.date,
			action: 'absence',
			subject: absence.teacher,
			oldValue: before ? JSON.stringify(before.slots) : null,
			newValue: JSON.stringify(slots),
			personId: actor.personId,
			personName: actor.name
		});
	});
}

/** TT21: takes an absence back; the changes already decided for its lessons stay until removed. */
export async function removeAbsence(db: Database, school: string, teacher: string, date: string, actor: Actor): Promise<void> {
	await db.transaction(async (tx) => {
		const removed = await tx
			.delete(timetableAbsences)
			.where(and(eq(timetableAbsences.school, school), eq(timetableAbsences.teacherId, teacher), eq(timetableAbsences.date, date)))
			.returning();
		if (removed.length === 0) return;
		await tx.insert(timetableChangeAudit).values({ school, date, action: 'absence-removed', subject: teacher, oldValue: JSON.stringify(removed[0]!.slots), newValue: null, personId: actor.personId, personName: actor.name });
	});
}

/** What the page shows for one absence: each affected lesson, its decision and who is free. */
export interface AffectedLesson {
	lesson: Lesson;
	change: DayChange | null;
	free: string[];
}

/** TT22: the lessons each absence of the date leaves, with the current decision and TK23's free teachers. */
export async function affectedOn(db: Database, school: string, year: string, date: string, weeks?: VersionWeek[]) {
	const all = weeks ?? (await loadVersionWeeks(db, school, year));
	const week = weekdayOf(date) === null ? null : versionInEffect(all, date);
	const { absences, changes } = await dayOf(db, school, date);
	const teachers = week?.roster.teachers.map((t) => t.id) ?? [];
	const unavailable = week ? unavailableOf(week.roster) : undefined;
	return {
		week,
		absences: absences.map((absence) => ({
			...absence,
			lessons: week
				? affectedLessons(week.lessons, absence).map(
						(lesson): AffectedLesson => ({
							lesson,
							change: changes.find((c) => c.classCode === lesson.classCode && c.slot === lesson.slot) ?? null,
							free: freeTeachers({ week: week.lessons, teachers, date, classCode: lesson.classCode, slot: lesson.slot, absences, changes, unavailable })
						})
					)
				: []
		})),
		changes
	};
}

const PROBLEMS = {
	'not-a-lesson': 'Lớp không có tiết này vào ngày đã chọn trong thời khóa biểu đang áp dụng.',
	'not-free': 'Giáo viên này không rảnh vào tiết đó (đang dạy, đang dạy thay, nghỉ hoặc bận).',
	'no-substitute': 'Hãy chọn giáo viên dạy thay.'
} as const;

/**
 * TT22, TT23: decides one lesson of a date — a substitute (who must be free then, TK23/TK25) or
 * a cancellation — replacing an earlier decision for it; checked and written under a per-school,
 * per-date lock so two schedulers cannot give one teacher two classes at once. Audited.
 */
export async function decideChange(db: Database, school: string, year: string, change: DayChange, actor: Actor): Promise<void> {
	const weeks = await loadVersionWeeks(db, school, year);
	const week = weekOn(weeks, change.date);
	await db.transaction(async (tx) => {
		const txDb = tx as unknown as Database;
		await lockDay(txDb, school, change.date);
		const { absences, changes } = await dayOf(txDb, school, change.date);
		const problem = changeProblem({ week: week.lessons, teachers: week.roster.teachers.map((t) => t.id), date: change.date, absences, changes, unavailable: unavailableOf(week.roster) }, change);
		if (problem) throw new DayChangeError(PROBLEMS[problem]);
		const lesson = week.lessons.find((l) => l.classCode === change.classCode && l.slot === change.slot)!;
		const before = changes.find((c) => c.classCode === change.classCode && c.slot === change.slot);
		await tx
			.delete(timetableChanges)
			.where(and(eq(timetableChanges.school, school), eq(timetableChanges.date, change.date), eq(timetableChanges.classCode, change.classCode), eq(timetableChanges.slot, change.slot)));
		await tx.insert(timetableChanges).values({
			school,
			year,
			date: change.date,
			classCode: change.classCode,
			slot: change.slot,
			version: week.version,
			subject: lesson.subject,
			originalTeacher: lesson.teacher,
			kind: change.kind,
			substituteId: change.kind === 'substitute' ? change.substitute : null,
			decidedBy: actor.personId
		});
		await tx.insert(timetableChangeAudit).values({
			school,
			date: change.date,
			action: 'change',
			subject: `${change.classCode}|${change.slot}`,
			oldValue: before ? describeChange(before) : null,
			newValue: describeChange(change),
			personId: actor.personId,
			personName: actor.name
		});
	});
}

/** TT23: takes a decision back: the lesson is as the week has it again that date. Audited. */
export async function removeChange(db: Database, school: string, date: string, classCode: string, slot: string, actor: Actor): Promise<void> {
	await db.transaction(async (tx) => {
		const removed = await tx
			.delete(timetableChanges)
			.where(and(eq(timetableChanges.school, school), eq(timetableChanges.date, date), eq(timetableChanges.classCode, classCode), eq(timetableChanges.slot, slot)))
			.returning();
		if (removed.length === 0) return;
		await tx.insert(timetableChangeAudit).values({
			school,
			date,
			action: 'change-removed',
			subject: `${classCode}|${slot}`,
			oldValue: describeChange(rowToChange(removed[0]!)),
			newValue: null,
			personId: actor.personId,
			personName: actor.name
		});
	});
}

const describeChange = (c: DayChange) => (c.kind === 'cancelled' ? 'cancelled' : `substitute:${c.substitute}`);

/** The audit trail of a date, newest first. */
export async function auditOf(db: Database, school: string, date: string) {
	return db
		.select()
		.from(timetableChangeAudit)
		.where(and(eq(timetableChangeAudit.school, school), eq(timetableChangeAudit.date, date)))
		.orderBy(sql`${timetableChangeAudit.id} desc`);
}

const SUBJECT_NAMES = new Map([...SUBJECTS.map((s) => [s.code, s.name] as const), ...ACTIVITY_SUBJECTS.map((s) => [s.code, s.name] as const)]);

export interface NamedDayChange {
	date: string;
	slot: string;
	classCode: string;
	kind: 'substitute' | 'cancelled';
	subject: string;
	subjectName: string;
	substitute: string | null;
	substituteName: string | null;
	originalTeacher: string | null;
	originalTeacherName: string | null;
}

/** Whose changes: one class's, several classes' (a room's week), or a teacher's. */
export type ChangesOf = { classCode: string } | { classCodes: readonly string[] } | { teacher: string };

/**
 * TT29: the day changes between two dates (both included) of one class (or several), or those a
 * teacher takes as substitute or whose own lessons they are, with names — read straight from SQL (no document),
 * cheap enough for every student-view projection and a teacher's home page.
 */
export async function namedChanges(db: Database, school: string, from: string, to: string, who: ChangesOf): Promise<NamedDayChange[]> {
	if ('classCodes' in who && who.classCodes.length === 0) return [];
	const whom =
		'classCode' in who
			? eq(timetableChanges.classCode, who.classCode)
			: 'classCodes' in who
				? inArray(timetableChanges.classCode, [...who.classCodes])
				: or(eq(timetableChanges.substituteId, who.teacher), eq(timetableChanges.originalTeacher, who.teacher));
	const rows = await db
		.select()
		.from(timetableChanges)
		.where(and(eq(timetableChanges.school, school), gte(timetableChanges.date, from), lte(timetableChanges.date, to), whom))
		.orderBy(asc(timetableChanges.date), asc(timetableChanges.slot), asc(timetableChanges.classCode));
	const ids = [...new Set(rows.flatMap((r) => [r.substituteId, r.originalTeacher]).filter((id): id is string => id !== null))];
	const names = new Map(ids.length > 0 ? (await db.select({ id: people.id, name: people.fullName }).from(people).where(inArray(people.id, ids))).map((p) => [p.id, p.name]) : []);
	return rows.map((r) => ({
		date: r.date,
		slot: r.slot,
		classCode: r.classCode,
		kind: r.kind,
		subject: r.subject,
		subjectName: SUBJECT_NAMES.get(r.subject) ?? r.subject,
		substitute: r.substituteId,
		substituteName: r.substituteId ? (names.get(r.substituteId) ?? null) : null,
		originalTeacher: r.originalTeacher,
		originalTeacherName: r.originalTeacher ? (names.get(r.originalTeacher) ?? null) : null
	}));
}
