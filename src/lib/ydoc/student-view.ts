/**
 * The student view document (`student/<student>/<year>`, a parent's view of one child): the only
 * code that knows its Y.Map keys. The server writes it as a projection of the class gradebooks
 * and homeroom documents (parents SPEC PV3, src/lib/server/parents/SPEC.md); every client write
 * is refused (sync-server SPEC V10), so it is read-only for everyone who opens it.
 *
 * Shape (docs/documents.md):
 * - `meta` Y.Map: `schemaVersion`, `projectedAt` (ms, when the content last changed).
 * - `view` Y.Map, one plain JSON value per entry, so a change rewrites only its own entry:
 *   `header` (student, school and class names, grade, year), `locks` (khóa sổ per term),
 *   `subjects` (the subject codes in the programme's order), `subject:<code>` (marks, results and the subject teacher's comment per term
 *   of one subject), `period:hk1` / `period:hk2` / `period:year` (academic level, conduct,
 *   absences, the homeroom teacher's comments, award, promotion).
 * - `timetable` Y.Map: `weeks`, the class's published weeks (timetable SPEC TT9): the one in effect
 *   when projected and each later one, oldest first, as plain JSON (`StudentTimetableWeek`); the
 *   page picks the one in effect on its own date (TK11), offline too. Absent until published.
 *   `changes`: the class's day changes from the projection's date on (`StudentDayChange`, timetable
 *   SPEC TT29), each for its date only. Absent when there are none.
 */
import * as Y from 'yjs';
import type { PeriodView, StudentView, SubjectView } from '../domain/student-view/build';
import type { WeekView } from '../domain/timetable/week';

export const STUDENT_VIEW_SCHEMA_VERSION = 1;

const META = 'meta';
const VIEW = 'view';
const TIMETABLE = 'timetable';

export const STUDENT_VIEW_ROOTS = { meta: META, view: VIEW, timetable: TIMETABLE } as const;

export type StudentViewRead =
	| { ok: true; view: StudentView; projectedAt: number; timetable: StudentTimetableWeek[]; dayChanges: StudentDayChange[] }
	| { ok: false; reason: 'empty' | 'too-new' | 'malformed' };

/** One published week of the child's class (timetable SPEC TT9): days, periods with bell times, subject, teacher, room. */
export interface StudentTimetableWeek {
	/** The first day it applies (YYYY-MM-DD). */
	readonly effectiveFrom: string;
	readonly label: string;
	readonly className: string;
	readonly week: WeekView;
}

const WEEKS = 'weeks';
const CHANGES = 'changes';

/**
 * A day change of the child's class (timetable SPEC TT29): on `date` only, the lesson in `slot` is
 * taught by a substitute or cancelled. Names resolved by the server; no absence reason.
 */
export interface StudentDayChange {
	readonly date: string;
	readonly slot: string;
	readonly kind: 'substitute' | 'cancelled';
	readonly subjectName: string;
	readonly substituteName: string | null;
}

/** TT29: writes the class's coming day changes (`changes` of the `timetable` map), only when they differ. */
export function writeStudentDayChanges(doc: Y.Doc, changes: readonly StudentDayChange[], now: number): boolean {
	const map = doc.getMap<unknown>(TIMETABLE);
	let changed = false;
	if (changes.length === 0) {
		if (map.has(CHANGES)) {
			map.delete(CHANGES);
			changed = true;
		}
	} else if (JSON.stringify(map.get(CHANGES)) !== JSON.stringify(changes)) {
		map.set(CHANGES, changes);
		changed = true;
	}
	if (changed) doc.getMap<unknown>(META).set('projectedAt', now);
	return changed;
}

function dayChangesOf(doc: Y.Doc): StudentDayChange[] {
	const changes = doc.getMap<unknown>(TIMETABLE).get(CHANGES);
	if (!Array.isArray(changes)) return [];
	return changes.filter(
		(c): c is StudentDayChange => isObject(c) && typeof c.date === 'string' && typeof c.slot === 'string' && (c.kind === 'substitute' || c.kind === 'cancelled') && typeof c.subjectName === 'string'
	);
}

/**
 * Writes the class's published weeks into the `timetable` map, only when they differ from what it
 * holds (PV5); an empty list removes the entry. Returns whether anything changed (and then moves
 * `projectedAt`). Call inside the caller's transaction, after `writeStudentView`.
 */
export function writeStudentTimetable(doc: Y.Doc, weeks: readonly StudentTimetableWeek[], now: number): boolean {
	const map = doc.getMap<unknown>(TIMETABLE);
	let changed = false;
	if (weeks.length === 0) {
		if (map.has(WEEKS)) {
			map.delete(WEEKS);
			changed = true;
		}
	} else if (JSON.stringify(map.get(WEEKS)) !== JSON.stringify(weeks)) {
		map.set(WEEKS, weeks);
		changed = true;
	}
	if (changed) doc.getMap<unknown>(META).set('projectedAt', now);
	return changed;
}

function timetableOf(doc: Y.Doc): StudentTimetableWeek[] {
	const weeks = doc.getMap<unknown>(TIMETABLE).get(WEEKS);
	if (!Array.isArray(weeks)) return [];
	return weeks.filter((w): w is StudentTimetableWeek => isObject(w) && typeof w.effectiveFrom === 'string' && isObject(w.week) && Array.isArray(w.week.days));
}

/** The entries a view is stored as, key → plain JSON value. */
function entriesOf(view: StudentView): Map<string, unknown> {
	const entries = new Map<string, unknown>();
	entries.set('header', { student: view.student, schoolName: view.schoolName, className: view.className, grade: view.grade, year: view.year });
	entries.set('locks', view.locks);
	entries.set('subjects', view.subjects.map((s) => s.code));
	for (const subject of view.subjects) entries.set(`subject:${subject.code}`, subject);
	for (const period of ['hk1', 'hk2', 'year'] as const) entries.set(`period:${period}`, view.periods[period]);
	return entries;
}

/**
 * Writes `view` into `doc`, touching only the entries whose content differs (PV5: an unchanged
 * projection writes nothing, so it costs no update, no broadcast and no row). Returns whether
 * anything changed. Call inside the caller's transaction (SyncServer.change).
 */
export function writeStudentView(doc: Y.Doc, view: StudentView, now: number): boolean {
	const meta = doc.getMap<unknown>(META);
	const stored = doc.getMap<unknown>(VIEW);
	doc.getMap<unknown>(TIMETABLE);
	const entries = entriesOf(view);
	let changed = false;
	for (const [key, value] of entries) {
		if (JSON.stringify(stored.get(key)) === JSON.stringify(value)) continue;
		stored.set(key, value);
		changed = true;
	}
	for (const key of [...stored.keys()]) {
		if (entries.has(key)) continue;
		stored.delete(key);
		changed = true;
	}
	if (meta.get('schemaVersion') !== STUDENT_VIEW_SCHEMA_VERSION) {
		meta.set('schemaVersion', STUDENT_VIEW_SCHEMA_VERSION);
		changed = true;
	}
	if (changed) meta.set('projectedAt', now);
	return changed;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readStudentView(doc: Y.Doc): StudentViewRead {
	const meta = doc.getMap<unknown>(META);
	const version = meta.get('schemaVersion');
	if (version === undefined) return { ok: false, reason: 'empty' };
	if (typeof version !== 'number' || !Number.isInteger(version)) return { ok: false, reason: 'malformed' };
	if (version > STUDENT_VIEW_SCHEMA_VERSION) return { ok: false, reason: 'too-new' };
	const stored = doc.getMap<unknown>(VIEW);
	const header = stored.get('header');
	const locks = stored.get('locks');
	const codes = stored.get('subjects');
	const periods = (['hk1', 'hk2', 'year'] as const).map((p) => stored.get(`period:${p}`));
	if (!isObject(header) || !isObject(locks) || !Array.isArray(codes) || !periods.every(isObject)) return { ok: false, reason: 'malformed' };
	const subjects: SubjectView[] = [];
	for (const code of codes) {
		const subject = stored.get(`subject:${String(code)}`);
		if (!isObject(subject)) return { ok: false, reason: 'malformed' };
		subjects.push(subject as unknown as SubjectView);
	}
	const [hk1, hk2, year] = periods as unknown as PeriodView[];
	const projectedAt = meta.get('projectedAt');
	return {
		ok: true,
		view: {
			...(header as unknown as Pick<StudentView, 'student' | 'schoolName' | 'className' | 'grade' | 'year'>),
			locks: locks as unknown as StudentView['locks'],
			subjects,
			periods: { hk1: hk1!, hk2: hk2!, year: year! }
		},
		projectedAt: typeof projectedAt === 'number' ? projectedAt : 0,
		timetable: timetableOf(doc),
		dayChanges: dayChangesOf(doc)
	};
}

/** Calls `onChange` after every change of the document (remote or local). */
export function observeStudentView(doc: Y.Doc, onChange: () => void): () => void {
	const handler = () => onChange();
	doc.on('update', handler);
	return () => doc.off('update', handler);
}
