/**
 * Day changes (thay đổi trong ngày): a teacher absent on a date, the lessons that leaves
 * uncovered, the teachers free to substitute, and a week's lessons on concrete dates with the
 * substitutions and cancellations of those dates applied. Pure; rules TK20–TK25 in SPEC.md.
 */
import type { Lesson } from './conflicts';
import { parseSlotKey, type Session, type Weekday } from './period-grid';

/** What was decided for one class's lesson on one date. */
export interface DayChange {
	/** YYYY-MM-DD */
	readonly date: string;
	readonly classCode: string;
	/** Slot key of the lesson in the week (its day is the date's weekday). */
	readonly slot: string;
	readonly kind: 'substitute' | 'cancelled';
	/** The teacher who teaches instead (kind `substitute`), else null. */
	readonly substitute: string | null;
}

/** A teacher absent on a date: the whole day (`slots` null) or some of its slots. */
export interface Absence {
	readonly teacher: string;
	readonly date: string;
	readonly slots: readonly string[] | null;
}

export type LessonStatus = 'normal' | 'substituted' | 'cancelled';

/** A lesson on a concrete date, after that date's changes (TK24). */
export interface DatedLesson {
	readonly date: string;
	readonly slot: string;
	readonly classCode: string;
	readonly subject: string;
	/** Who teaches it on that date: the substitute when substituted; the week's teacher otherwise. */
	readonly teacher: string | null;
	readonly room: string | null;
	/** The week's teacher, when a substitute teaches instead (else null). */
	readonly originalTeacher: string | null;
	readonly status: LessonStatus;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * TK20: the Vietnamese weekday of a calendar date (Thứ Hai = 2 … Thứ Bảy = 7), null for Sunday
 * (Chủ nhật, no lessons) and for a string that is not a real date.
 */
export function weekdayOf(date: string): Weekday | null {
	const match = ISO_DATE.exec(date);
	if (!match) return null;
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const time = Date.UTC(y, m - 1, d);
	const back = new Date(time);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
	const js = back.getUTCDay(); // 0 = Sunday
	return js === 0 ? null : ((js + 1) as Weekday);
}

/** The date `days` after `date` (negative: before), YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
	const match = ISO_DATE.exec(date);
	if (!match) throw new RangeError(`not a date: ${date}`);
	const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
	return new Date(time).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
	const dates: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
	return dates;
}

/**
 * TK21: the version in effect on a date is the one with the latest effective-from date on or
 * before it; before the first version's date none is.
 */
export function versionInEffect<V extends { readonly effectiveFrom: string }>(versions: readonly V[], date: string): V | null {
	let best: V | null = null;
	for (const version of versions) if (version.effectiveFrom <= date && (!best || version.effectiveFrom > best.effectiveFrom)) best = version;
	return best;
}

const onDay = (slot: string, day: Weekday | null) => day !== null && parseSlotKey(slot)?.day === day;

/** TK22: whether an absence covers a slot of its date. */
export function absenceCovers(absence: Absence, slot: string): boolean {
	return onDay(slot, weekdayOf(absence.date)) && (absence.slots === null || absence.slots.includes(slot));
}

/**
 * TK22: the lessons an absence leaves uncovered: the absent teacher's lessons in the week in
 * effect on that date, on that weekday, in the absent slots; in slot order.
 */
export function affectedLessons(week: readonly Lesson[], absence: Absence): Lesson[] {
	return week.filter((l) => l.teacher === absence.teacher && absenceCovers(absence, l.slot)).sort(bySlot);
}

const SESSION_ORDER: Record<Session, number> = { sang: 0, chieu: 1 };
function slotOrder(slot: string): number {
	const s = parseSlotKey(slot);
	return s ? s.day * 100 + SESSION_ORDER[s.session] * 10 + s.period : 0;
}
function bySlot(a: { slot: string; classCode: string }, b: { slot: string; classCode: string }): number {
	return slotOrder(a.slot) - slotOrder(b.slot) || a.classCode.localeCompare(b.classCode, 'vi', { numeric: true });
}

const changeKey = (date: string, classCode: string, slot: string) => `${date}|${classCode}|${slot}`;

/** Who a dated-lesson list is for: one class, or one teacher (lessons they teach or were relieved of). */
export type WeekFor = { readonly classCode: string } | { readonly teacher: string } | null;

/**
 * TK24: the lessons on each of `dates` — the week in effect on that date (`week` itself, or a
 * function giving each date's week, TK21), the lessons of that date's weekday — with the changes
 * of THAT date applied: a substitution puts the substitute in and keeps the week's teacher as
 * `originalTeacher`; a cancellation keeps the lesson marked `cancelled`. A change of another date,
 * or for a lesson the week does not have, changes nothing. For a class: its lessons. For a
 * teacher: the lessons they teach that date (as substitute too), plus their own lessons that a
 * substitute takes or that are cancelled, so they see why they are free. Sorted by date, slot, class.
 */
export function weekWithChanges(
	week: readonly Lesson[] | ((date: string) => readonly Lesson[]),
	changes: readonly DayChange[],
	dates: readonly string[],
	who: WeekFor = null
): DatedLesson[] {
	const byKey = new Map(changes.map((c) => [changeKey(c.date, c.classCode, c.slot), c]));
	const out: DatedLesson[] = [];
	for (const date of [...new Set(dates)].sort()) {
		const day = weekdayOf(date);
		if (day === null) continue;
		const lessons = typeof week === 'function' ? week(date) : week;
		for (const lesson of lessons) {
			if (!onDay(lesson.slot, day)) continue;
			if (who && 'classCode' in who && lesson.classCode !== who.classCode) continue;
			const change = byKey.get(changeKey(date, lesson.classCode, lesson.slot));
			const dated: DatedLesson =
				change?.kind === 'cancelled'
					? { date, slot: lesson.slot, classCode: lesson.classCode, subject: lesson.subject, teacher: lesson.teacher, room: lesson.room, originalTeacher: null, status: 'cancelled' }
					: change?.kind === 'substitute' && change.substitute
						? { date, slot: lesson.slot, classCode: lesson.classCode, subject: lesson.subject, teacher: change.substitute, room: lesson.room, originalTeacher: lesson.teacher, status: 'substituted' }
						: { date, slot: lesson.slot, classCode: lesson.classCode, subject: lesson.subject, teacher: lesson.teacher, room: lesson.room, originalTeacher: null, status: 'normal' };
			if (who && 'teacher' in who && dated.teacher !== who.teacher && dated.originalTeacher !== who.teacher) continue;
			out.push(dated);
		}
	}
	return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : bySlot(a, b)));
}

export interface FreeTeacherQuestion {
	/** The week in effect on the date (TK21). */
	readonly week: readonly Lesson[];
	/** Every teacher of the school who may substitute. */
	readonly teachers: readonly string[];
	readonly date: string;
	/** The lesson to cover. */
	readonly classCode: string;
	readonly slot: string;
	readonly absences: readonly Absence[];
	/** Every change already decided (other dates are ignored). */
	readonly changes: readonly DayChange[];
	/** Weekly slots each teacher marked unavailable (TK7). */
	readonly unavailable?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * TK23: the teachers free to substitute for one lesson on one date: not teaching in that slot
 * on that date (the week in effect with that date's OTHER changes applied — a teacher whose own
 * lesson there is cancelled or taken by someone else is free; one already substituting there is
 * not), not absent then (TK22), not unavailable in that weekly slot (TK7), and not the lesson's
 * own teacher. Deciding this lesson again (another substitute) does not count against anyone.
 */
export function freeTeachers(q: FreeTeacherQuestion): string[] {
	const others = q.changes.filter((c) => c.date === q.date && !(c.classCode === q.classCode && c.slot === q.slot));
	const busy = new Set<string>();
	for (const lesson of weekWithChanges(q.week, others, [q.date])) {
		if (lesson.slot !== q.slot) continue;
		if (lesson.status !== 'cancelled' && lesson.teacher) busy.add(lesson.teacher);
	}
	const own = q.week.find((l) => l.classCode === q.classCode && l.slot === q.slot)?.teacher;
	if (own) busy.add(own);
	for (const absence of q.absences) if (absence.date === q.date && absenceCovers(absence, q.slot)) busy.add(absence.teacher);
	return [...new Set(q.teachers)].filter((t) => !busy.has(t) && !q.unavailable?.get(t)?.has(q.slot)).sort();
}

export type ChangeProblem = 'not-a-lesson' | 'not-free' | 'no-substitute';

/**
 * TK25: a change may be saved only for a lesson the week in effect has on that date's weekday,
 * and a substitution only with a teacher TK23 finds free.
 */
export function changeProblem(q: Omit<FreeTeacherQuestion, 'classCode' | 'slot'>, change: DayChange): ChangeProblem | null {
	if (change.date !== q.date || !onDay(change.slot, weekdayOf(change.date))) return 'not-a-lesson';
	if (!q.week.some((l) => l.classCode === change.classCode && l.slot === change.slot)) return 'not-a-lesson';
	if (change.kind === 'cancelled') return null;
	if (!change.substitute) return 'no-substitute';
	return freeTeachers({ ...q, classCode: change.classCode, slot: change.slot }).includes(change.substitute) ? null : 'not-free';
}
