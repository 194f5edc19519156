/**
 * The timetable document (thời khóa biểu): the only code that knows its Y.Map keys. One document
 * per school × year × version (`timetable/<school>/<year>/<version>`), written by the school's
 * schedulers. The server writes `meta` (the period grid with bell times, the date the version
 * applies from), `classes` (each with its subjects and the teacher the teaching assignment gives),
 * `teachers`, `rooms` and `subjects`; clients write only `lessons`: one entry per class × slot
 * (`<class>|<slotKey>`), stamped with the writer. Clearing a slot writes an entry with no subject,
 * so the map only grows by overwrites (sync-server SPEC V14–V18). A school activity placed by
 * "Xếp tiết cố định" carries `fixed: true` (timetable SPEC TK41–TK44); entries written before
 * that have no such key and read as not fixed.
 */
import * as Y from 'yjs';
import { inGrid, parseSlotKey, slotKey, type PeriodGrid, type Session, type Slot } from '../domain/timetable/period-grid';
import { mayBeFixed } from '../domain/timetable/fixed-slots';
import type { Actor } from './gradebook';

export const TIMETABLE_SCHEMA_VERSION = 1;

export type { Actor };

export interface BellTime {
	session: Session;
	period: number;
	/** "HH:MM", local time. */
	start: string;
	end: string;
}

export interface TimetableMeta {
	schemaVersion: number;
	school: string;
	year: string;
	/** The version code in the document name, e.g. "v1". */
	version: string;
	/** What people call it, e.g. "Thời khóa biểu số 1". */
	label: string;
	/** The first day the version applies (YYYY-MM-DD). */
	effectiveFrom: string;
	/** The version it was copied from, or null. */
	copiedFrom: string | null;
	grid: PeriodGrid;
	bells: BellTime[];
	/** Most periods a teacher teaches in a day (TK6). */
	dailyMaximum: number;
	/** Whether a class's subject may not be split between morning and afternoon of one day (TK8). */
	noSessionSplit: boolean;
}

export interface ClassSubject {
	subject: string;
	/** The teacher of the teaching assignment, or null when none is assigned yet. */
	teacher: string | null;
}

export interface TimetableClass {
	code: string;
	name: string;
	grade: number;
	subjects: ClassSubject[];
	/** The homeroom teacher, who takes sinh hoạt lớp (TK43); absent in documents written before it. */
	homeroom?: string | null;
}

export interface TimetableTeacher {
	id: string;
	name: string;
	subjects: string[];
	/** Weekly teaching norm after reductions (TK5); null = not checked. */
	weeklyNorm: number | null;
	/** Weekly slots (slot keys) the teacher cannot teach (TK7, TK36); absent in older documents = none. */
	unavailable?: string[];
}

export interface TimetableRoom {
	id: string;
	name: string;
}

export interface TimetableSubject {
	code: string;
	name: string;
	shortName: string;
}

export interface TimetableRoster {
	classes: TimetableClass[];
	teachers: TimetableTeacher[];
	rooms: TimetableRoom[];
	subjects: TimetableSubject[];
}

/** What a client writes into one class × slot. `subject` null: the slot was cleared. */
export interface LessonEntry {
	subject: string | null;
	teacher: string | null;
	room: string | null;
	/** Only `true`, only on chào cờ or sinh hoạt lớp (V17); absent = not fixed. */
	fixed?: true;
	by: string;
	byName: string;
	at: number;
}

export interface LessonValue {
	subject: string;
	teacher: string | null;
	room: string | null;
	/** A locked school activity (TK41–TK44). */
	fixed?: boolean;
}

export interface Stamp {
	actor: Actor;
	at: number;
}

export type TimetableRead =
	| { ok: true; meta: TimetableMeta; roster: TimetableRoster; lessons: Map<string, LessonEntry> }
	| { ok: false; reason: 'empty' | 'too-new' | 'malformed' };

const META = 'meta';
const CLASSES = 'classes';
const TEACHERS = 'teachers';
const ROOMS = 'rooms';
const SUBJECTS = 'subjects';
const LESSONS = 'lessons';

/** The root type names, for the server's schema (timetable-schema.ts). */
export const TIMETABLE_ROOTS = { meta: META, classes: CLASSES, teachers: TEACHERS, rooms: ROOMS, subjects: SUBJECTS, lessons: LESSONS } as const;

/** The school activities a timetable holds besides programme subjects (no assessment). */
export const ACTIVITY_SUBJECTS: readonly TimetableSubject[] = [
	{ code: 'chao-co', name: 'Chào cờ', shortName: 'Chào cờ' },
	{ code: 'sinh-hoat-lop', name: 'Sinh hoạt lớp', shortName: 'SHL' }
];

/** A THCS day: morning from 7:00, afternoon from 13:30, 45-minute periods with a long break after the second. */
export function defaultBells(grid: PeriodGrid): BellTime[] {
	const bells: BellTime[] = [];
	for (const session of grid.sessions) {
		let minutes = session === 'sang' ? 7 * 60 : 13 * 60 + 30;
		for (let period = 1; period <= grid.periodsPerSession; period++) {
			const start = minutes;
			minutes += 45;
			bells.push({ session, period, start: clock(start), end: clock(minutes) });
			minutes += period === 2 ? 20 : 5;
		}
	}
	return bells;
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** `<class>|<slotKey>`: the only builder of a lesson key. */
export function lessonKey(classCode: string, slot: Slot | string): string {
	return `${classCode}|${typeof slot === 'string' ? slot : slotKey(slot)}`;
}

export function splitLessonKey(key: string): { classCode: string; slot: string } | null {
	const at = key.indexOf('|');
	if (at <= 0) return null;
	const slot = key.slice(at + 1);
	return parseSlotKey(slot) ? { classCode: key.slice(0, at), slot } : null;
}

/** Server side: writes the header and roster of a new timetable document. */
export function initTimetable(doc: Y.Doc, meta: Omit<TimetableMeta, 'schemaVersion'>, roster: TimetableRoster): void {
	doc.transact(() => {
		setTimetableMeta(doc, { ...meta, schemaVersion: TIMETABLE_SCHEMA_VERSION });
		setTimetableRoster(doc, roster);
	});
}

/** Server side: (re)writes header fields, e.g. the version and date of a copy. */
export function setTimetableMeta(doc: Y.Doc, meta: Partial<TimetableMeta>): void {
	const map = doc.getMap(META);
	doc.transact(() => {
		for (const [key, value] of Object.entries(meta)) map.set(key, value);
	});
}

/**
 * Server side: replaces classes, teachers and subjects; lessons stay. What the scheduler set on
 * the version's settings page (TK35, TK36) survives a roster written again from SQL: a teacher
 * keeps their unavailable slots unless the new entry has its own, and a document that has rooms
 * keeps them (the SQL roster only knows the default rooms).
 */
export function setTimetableRoster(doc: Y.Doc, roster: TimetableRoster): void {
	const teachers = doc.getMap<unknown>(TEACHERS);
	const rooms = doc.getMap(ROOMS);
	doc.transact(() => {
		replaceAll(doc.getMap(CLASSES), roster.classes.map((c) => [c.code, c]));
		replaceAll(
			teachers,
			roster.teachers.map((t) => {
				const kept = (teachers.get(t.id) as TimetableTeacher | undefined)?.unavailable;
				return [t.id, t.unavailable === undefined && kept !== undefined ? { ...t, unavailable: kept } : t];
			})
		);
		if (rooms.size === 0) replaceAll(rooms, roster.rooms.map((r) => [r.id, r]));
		replaceAll(doc.getMap(SUBJECTS), roster.subjects.map((s) => [s.code, s]));
	});
}

/** Server side: one teacher's unavailable slots (TK36), the rest of the entry as it is. */
export function setTeacherUnavailable(doc: Y.Doc, teacher: string, slots: readonly string[]): void {
	const teachers = doc.getMap<TimetableTeacher>(TEACHERS);
	const entry = teachers.get(teacher);
	if (!entry) throw new RangeError(`unknown teacher ${teacher}`);
	teachers.set(teacher, { ...structuredClone(entry), unavailable: [...slots] });
}

/** Server side: the shared rooms (TK35), written as given. */
export function setTimetableRooms(doc: Y.Doc, rooms: readonly TimetableRoom[]): void {
	doc.transact(() => replaceAll(doc.getMap(ROOMS), rooms.map((r) => [r.id, r])));
}

/** TK7, TK36: each teacher's unavailable slots; a missing or malformed field is none. */
export function unavailableOf(roster: TimetableRoster): Map<string, Set<string>> {
	const map = new Map<string, Set<string>>();
	for (const t of roster.teachers) {
		const slots = Array.isArray(t.unavailable) ? t.unavailable.filter((s): s is string => typeof s === 'string') : [];
		if (slots.length > 0) map.set(t.id, new Set(slots));
	}
	return map;
}

function replaceAll(map: Y.Map<unknown>, entries: Array<[string, object]>): void {
	const keep = new Set(entries.map(([key]) => key));
	for (const key of [...map.keys()]) if (!keep.has(key)) map.delete(key);
	for (const [key, value] of entries) if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, structuredClone(value));
}

/**
 * Writes lessons (null clears the slot) in ONE transaction. Checked here as the server will
 * check them (V16, V17): a lesson outside the grid or of an unknown class, subject, teacher or
 * room, or a fixed lesson that is no school activity, is a bug in the caller and throws a RangeError.
 */
export function writeLessons(doc: Y.Doc, changes: ReadonlyArray<{ classCode: string; slot: string; lesson: LessonValue | null }>, stamp: Stamp): void {
	const read = readTimetable(doc);
	if (!read.ok) throw new RangeError(`timetable not readable: ${read.reason}`);
	const known = knownSets(read.roster);
	for (const { classCode, slot, lesson } of changes) {
		const written = lesson ? { ...lesson, fixed: lesson.fixed ? true : undefined } : { subject: null, teacher: null, room: null };
		const problem = lessonProblem(read.meta.grid, known, lessonKey(classCode, slot), written);
		if (problem) throw new RangeError(problem);
	}
	const lessons = doc.getMap<LessonEntry>(LESSONS);
	doc.transact(() => {
		for (const { classCode, slot, lesson } of changes) {
			const entry: LessonEntry = {
				subject: lesson?.subject ?? null,
				teacher: lesson?.teacher ?? null,
				room: lesson?.room ?? null,
				// The key only when set: an unfixed lesson keeps the entry format older apps write.
				...(lesson?.fixed ? { fixed: true as const } : {}),
				by: stamp.actor.id,
				byName: stamp.actor.name,
				at: stamp.at
			};
			lessons.set(lessonKey(classCode, slot), entry);
		}
	});
}

export interface KnownSets {
	classes: ReadonlySet<string>;
	teachers: ReadonlySet<string>;
	rooms: ReadonlySet<string>;
	subjects: ReadonlySet<string>;
}

export function knownSets(roster: TimetableRoster): KnownSets {
	return {
		classes: new Set(roster.classes.map((c) => c.code)),
		teachers: new Set(roster.teachers.map((t) => t.id)),
		rooms: new Set(roster.rooms.map((r) => r.id)),
		subjects: new Set(roster.subjects.map((s) => s.code))
	};
}

/** Why a lesson may not be written at `key`, or null when it may (V16 place, V17 content). */
export function lessonProblem(
	grid: PeriodGrid,
	known: KnownSets,
	key: string,
	lesson: { subject: unknown; teacher: unknown; room: unknown; fixed?: unknown }
): string | null {
	const parts = splitLessonKey(key);
	if (!parts || !known.classes.has(parts.classCode) || !inGrid(grid, parseSlotKey(parts.slot)!)) return `V16: no such class and slot: ${key}`;
	if (lesson.subject === null) return lesson.teacher === null && lesson.room === null && lesson.fixed === undefined ? null : 'V17: a cleared slot has no teacher, room or fixed mark';
	if (typeof lesson.subject !== 'string' || !known.subjects.has(lesson.subject)) return `V17: unknown subject ${String(lesson.subject)}`;
	if (lesson.teacher !== null && (typeof lesson.teacher !== 'string' || !known.teachers.has(lesson.teacher))) return `V17: unknown teacher ${String(lesson.teacher)}`;
	if (lesson.room !== null && (typeof lesson.room !== 'string' || !known.rooms.has(lesson.room))) return `V17: unknown room ${String(lesson.room)}`;
	if (lesson.fixed !== undefined && (lesson.fixed !== true || !mayBeFixed(lesson.subject))) return 'V17: only chào cờ and sinh hoạt lớp may be fixed';
	return null;
}

export function readTimetable(doc: Y.Doc): TimetableRead {
	const metaMap = doc.getMap(META);
	if (metaMap.size === 0) return { ok: false, reason: 'empty' };
	const meta = metaMap.toJSON() as TimetableMeta;
	if (typeof meta.schemaVersion !== 'number') return { ok: false, reason: 'malformed' };
	if (meta.schemaVersion > TIMETABLE_SCHEMA_VERSION) return { ok: false, reason: 'too-new' };
	if (!isGrid(meta.grid)) return { ok: false, reason: 'malformed' };
	const values = <T>(root: string) => [...doc.getMap<T>(root).values()];
	const roster: TimetableRoster = {
		classes: values<TimetableClass>(CLASSES).sort((a, b) => a.grade - b.grade || a.code.localeCompare(b.code, 'vi', { numeric: true })),
		teachers: values<TimetableTeacher>(TEACHERS).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
		rooms: values<TimetableRoom>(ROOMS).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
		subjects: values<TimetableSubject>(SUBJECTS)
	};
	const lessons = new Map<string, LessonEntry>();
	doc.getMap<unknown>(LESSONS).forEach((raw, key) => {
		if (isEntry(raw)) lessons.set(key, raw);
	});
	return { ok: true, meta, roster, lessons };
}

/** Calls back with the lesson keys that changed (local or remote); roster or meta changes give null. */
export function observeTimetable(doc: Y.Doc, onChange: (lessonKeys: ReadonlySet<string> | null) => void): () => void {
	const lessons = doc.getMap(LESSONS);
	const others = [META, CLASSES, TEACHERS, ROOMS, SUBJECTS].map((root) => doc.getMap(root));
	const onLessons = (event: Y.YMapEvent<unknown>) => onChange(event.keysChanged);
	const onOther = () => onChange(null);
	lessons.observe(onLessons);
	for (const map of others) map.observe(onOther);
	return () => {
		lessons.unobserve(onLessons);
		for (const map of others) map.unobserve(onOther);
	};
}

/** A lesson entry read back from the document (untrusted content from peers is ignored). */
export function lessonAt(doc: Y.Doc, key: string): LessonEntry | null {
	const raw = doc.getMap<unknown>(LESSONS).get(key);
	return isEntry(raw) ? raw : null;
}

export function isGrid(value: unknown): value is PeriodGrid {
	if (typeof value !== 'object' || value === null) return false;
	const grid = value as Record<string, unknown>;
	return (
		Array.isArray(grid.days) &&
		grid.days.every((d) => Number.isInteger(d) && d >= 2 && d <= 7) &&
		Array.isArray(grid.sessions) &&
		grid.sessions.every((s) => s === 'sang' || s === 'chieu') &&
		Number.isInteger(grid.periodsPerSession) &&
		(grid.periodsPerSession as number) >= 1 &&
		(grid.periodsPerSession as number) <= 9
	);
}

function isEntry(value: unknown): value is LessonEntry {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	const nullableString = (v: unknown) => v === null || typeof v === 'string';
	return (
		nullableString(entry.subject) &&
		nullableString(entry.teacher) &&
		nullableString(entry.room) &&
		(entry.fixed === undefined || entry.fixed === true) &&
		typeof entry.by === 'string' &&
		typeof entry.at === 'number'
	);
}
