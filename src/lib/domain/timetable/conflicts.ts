/**
 * Timetable conflicts (TK2–TK8), computed from scratch: the reference the incremental tracker
 * (conflict-tracker.ts) must always equal. Pure; rules in SPEC.md.
 */
import { parseSlotKey, type PeriodGrid, type Session } from './period-grid';

/** What a class has in one slot of the week. `teacher` null for whole-school activities (chào cờ). */
export interface Lesson {
	readonly classCode: string;
	/** A slot key (period-grid.ts `slotKey`). */
	readonly slot: string;
	readonly subject: string;
	readonly teacher: string | null;
	readonly room: string | null;
}

export interface TimetableRules {
	readonly grid: PeriodGrid;
	/** Planned weekly periods per class, per subject (the programme by C9, then the school's own plan). */
	readonly plan: ReadonlyMap<string, ReadonlyMap<string, number>>;
	/** Weekly teaching norm per teacher after reductions (TT 05/2025); a teacher without one is not checked. */
	readonly weeklyNorm: ReadonlyMap<string, number>;
	/** Most periods one teacher teaches in a day. */
	readonly dailyMaximum: number;
	/** Slots each teacher marked unavailable (slot keys). */
	readonly unavailable: ReadonlyMap<string, ReadonlySet<string>>;
	/** Whether a class's subject may not be split between the morning and the afternoon of one day. */
	readonly noSessionSplit: boolean;
}

export type Conflict =
	| { readonly rule: 'TK2'; readonly id: string; readonly teacher: string; readonly slot: string; readonly classes: readonly string[] }
	| { readonly rule: 'TK3'; readonly id: string; readonly room: string; readonly slot: string; readonly classes: readonly string[] }
	| { readonly rule: 'TK4'; readonly id: string; readonly classCode: string; readonly subject: string; readonly planned: number; readonly scheduled: number }
	| { readonly rule: 'TK5'; readonly id: string; readonly teacher: string; readonly norm: number; readonly scheduled: number }
	| { readonly rule: 'TK6'; readonly id: string; readonly teacher: string; readonly day: number; readonly maximum: number; readonly scheduled: number }
	| { readonly rule: 'TK7'; readonly id: string; readonly teacher: string; readonly slot: string; readonly classCode: string }
	| { readonly rule: 'TK8'; readonly id: string; readonly classCode: string; readonly subject: string; readonly day: number };

// One builder per rule, shared by the full computation and the tracker, so both say the same thing.
export const conflictOf = {
	doubleBookedTeacher: (teacher: string, slot: string, classes: Iterable<string>): Conflict | null => {
		const sorted = [...classes].sort();
		return sorted.length > 1 ? { rule: 'TK2', id: `TK2:${teacher}@${slot}`, teacher, slot, classes: sorted } : null;
	},
	doubleBookedRoom: (room: string, slot: string, classes: Iterable<string>): Conflict | null => {
		const sorted = [...classes].sort();
		return sorted.length > 1 ? { rule: 'TK3', id: `TK3:${room}@${slot}`, room, slot, classes: sorted } : null;
	},
	/** `plan` undefined: the class has no plan yet, so there is nothing to compare with. */
	weeklyPeriods: (classCode: string, subject: string, plan: ReadonlyMap<string, number> | undefined, scheduled: number): Conflict | null => {
		if (!plan) return null;
		const planned = plan.get(subject) ?? 0;
		return planned === scheduled ? null : { rule: 'TK4', id: `TK4:${classCode}/${subject}`, classCode, subject, planned, scheduled };
	},
	overNorm: (teacher: string, norm: number | undefined, scheduled: number): Conflict | null =>
		norm === undefined || scheduled <= norm ? null : { rule: 'TK5', id: `TK5:${teacher}`, teacher, norm, scheduled },
	overDailyMaximum: (teacher: string, day: number, maximum: number, scheduled: number): Conflict | null =>
		scheduled <= maximum ? null : { rule: 'TK6', id: `TK6:${teacher}/${day}`, teacher, day, maximum, scheduled },
	unavailable: (rules: TimetableRules, lesson: Lesson | undefined): Conflict | null =>
		lesson?.teacher && rules.unavailable.get(lesson.teacher)?.has(lesson.slot)
			? { rule: 'TK7', id: `TK7:${lesson.classCode}@${lesson.slot}`, teacher: lesson.teacher, slot: lesson.slot, classCode: lesson.classCode }
			: null,
	splitAcrossSessions: (rules: TimetableRules, classCode: string, subject: string, day: number, sessions: Readonly<Record<Session, number>>): Conflict | null =>
		rules.noSessionSplit && sessions.sang > 0 && sessions.chieu > 0 ? { rule: 'TK8', id: `TK8:${classCode}/${subject}/${day}`, classCode, subject, day } : null
};

const dayOf = (slot: string): number => {
	const parsed = parseSlotKey(slot);
	if (!parsed) throw new RangeError(`not a slot key: ${slot}`);
	return parsed.day;
};
const sessionOf = (slot: string): Session => parseSlotKey(slot)!.session;

function groupInto<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/** Every conflict of a week, by id. Lessons are at most one per class and slot (the document's shape). */
export function findConflicts(rules: TimetableRules, lessons: Iterable<Lesson>): Map<string, Conflict> {
	const all = [...lessons];
	const found: Array<Conflict | null> = [];
	const bySlotTeacher = new Map<string, Lesson[]>();
	const bySlotRoom = new Map<string, Lesson[]>();
	const byClassSubject = new Map<string, number>();
	const byTeacher = new Map<string, number>();
	const byTeacherDay = new Map<string, { teacher: string; day: number; count: number }>();
	const byClassSubjectDay = new Map<string, { classCode: string; subject: string; day: number; sessions: Record<Session, number> }>();
	for (const lesson of all) {
		const day = dayOf(lesson.slot);
		if (lesson.teacher) {
			groupInto(bySlotTeacher, `${lesson.slot}|${lesson.teacher}`, lesson);
			byTeacher.set(lesson.teacher, (byTeacher.get(lesson.teacher) ?? 0) + 1);
			const key = `${lesson.teacher}|${day}`;
			const entry = byTeacherDay.get(key) ?? { teacher: lesson.teacher, day, count: 0 };
			entry.count++;
			byTeacherDay.set(key, entry);
		}
		if (lesson.room) groupInto(bySlotRoom, `${lesson.slot}|${lesson.room}`, lesson);
		byClassSubject.set(`${lesson.classCode}|${lesson.subject}`, (byClassSubject.get(`${lesson.classCode}|${lesson.subject}`) ?? 0) + 1);
		const daily = `${lesson.classCode}|${lesson.subject}|${day}`;
		const entry = byClassSubjectDay.get(daily) ?? { classCode: lesson.classCode, subject: lesson.subject, day, sessions: { sang: 0, chieu: 0 } };
		entry.sessions[sessionOf(lesson.slot)]++;
		byClassSubjectDay.set(daily, entry);
		found.push(conflictOf.unavailable(rules, lesson));
	}
	for (const group of bySlotTeacher.values()) found.push(conflictOf.doubleBookedTeacher(group[0]!.teacher!, group[0]!.slot, group.map((l) => l.classCode)));
	for (const group of bySlotRoom.values()) found.push(conflictOf.doubleBookedRoom(group[0]!.room!, group[0]!.slot, group.map((l) => l.classCode)));
	const classSubjects = new Set(byClassSubject.keys());
	for (const [classCode, subjects] of rules.plan) for (const subject of subjects.keys()) classSubjects.add(`${classCode}|${subject}`);
	for (const key of classSubjects) {
		const [classCode, subject] = key.split('|') as [string, string];
		found.push(conflictOf.weeklyPeriods(classCode, subject, rules.plan.get(classCode), byClassSubject.get(key) ?? 0));
	}
	for (const [teacher, count] of byTeacher) found.push(conflictOf.overNorm(teacher, rules.weeklyNorm.get(teacher), count));
	for (const { teacher, day, count } of byTeacherDay.values()) found.push(conflictOf.overDailyMaximum(teacher, day, rules.dailyMaximum, count));
	for (const { classCode, subject, day, sessions } of byClassSubjectDay.values()) found.push(conflictOf.splitAcrossSessions(rules, classCode, subject, day, sessions));
	return new Map(found.filter((c): c is Conflict => c !== null).map((c) => [c.id, c]));
}
