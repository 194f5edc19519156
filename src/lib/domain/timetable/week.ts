/**
 * The published week (TK11–TK15): which published timetable applies to a class on a date, and the
 * week of a class, a teacher or a room derived from it, as the parents' page, the staff pages and
 * a teacher's "Tuần của tôi" show it. Pure: dates come in as "YYYY-MM-DD", no clock, no I/O.
 */
import { parseSlotKey, SESSION_NAMES, WEEKDAY_NAMES, type PeriodGrid, type Session, type Weekday } from './period-grid';

/** One period's bell times ("HH:MM", local time). */
export interface BellTimes {
	readonly session: Session;
	readonly period: number;
	readonly start: string;
	readonly end: string;
}

/** What a published version's header says, as recorded when it was published. */
export interface PublishedFrame {
	/** The version code, e.g. "v1". */
	readonly version: string;
	readonly label: string;
	readonly grid: PeriodGrid;
	readonly bells: readonly BellTimes[];
}

/** One lesson of a published class week, with the names resolved when it was published. */
export interface PublishedLesson {
	/** Slot key `"<day>-<session>-<period>"` (TK1). */
	readonly slot: string;
	readonly subject: string;
	readonly subjectName: string;
	readonly teacher: string | null;
	readonly teacherName: string | null;
	/** Null: the class's own room. */
	readonly room: string | null;
	readonly roomName: string | null;
}

/** One publication as TK11 needs it: from which date, when, and which classes it covers. */
export interface PublicationRef {
	readonly id: number;
	/** The first day it applies, "YYYY-MM-DD". */
	readonly effectiveFrom: string;
	/** When it was published (ms); the later of two with the same date wins. */
	readonly publishedAt: number;
	/** The class codes it covers (every class for a school publication). */
	readonly classes: readonly string[];
}

/** A class's published week: its frame and lessons. */
export interface ClassWeekSource {
	readonly classCode: string;
	readonly className: string;
	readonly effectiveFrom: string;
	readonly frame: PublishedFrame;
	readonly lessons: readonly PublishedLesson[];
}

export interface PeriodEntry {
	readonly session: Session;
	readonly sessionName: string;
	readonly period: number;
	readonly start: string;
	readonly end: string;
	readonly subjectName: string;
	readonly teacherName: string | null;
	readonly roomName: string | null;
	/** The class taught (teacher and room weeks); null in a class's week. */
	readonly className: string | null;
	/** Its code, in teacher and room weeks only (to find the class's day changes, TK16). */
	readonly classCode?: string;
	/** The day change of the week shown, when there is one (TK16). */
	readonly change?: MarkedChange;
}

/** A day change as a week's cell shows it (TK16): its date, its kind, and in words from the reader's side. */
export interface MarkedChange {
	readonly date: string;
	readonly kind: 'substitute' | 'cancelled';
	readonly words: string;
	/** A lesson the teacher of the week takes as substitute (not in their own week). */
	readonly taken: boolean;
}

export interface DayEntry {
	readonly day: Weekday;
	readonly name: string;
	readonly periods: readonly PeriodEntry[];
}

export interface WeekView {
	readonly days: readonly DayEntry[];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * TK11: the Vietnamese weekday of a date (2 = Thứ Hai … 7 = Thứ Bảy), or null for Sunday (Chủ
 * nhật) or a malformed date. Proleptic Gregorian arithmetic, no time zone involved.
 */
export function weekdayOf(date: string): Weekday | null {
	const match = ISO.exec(date);
	if (!match) return null;
	const days = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
	if (!Number.isFinite(days)) return null;
	const js = (((Math.floor(days) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
	return js === 0 ? null : ((js + 1) as Weekday);
}

/** TK11: the date shown as "this week": the date itself, or the Monday after it on a Sunday. */
export function shownDate(date: string): string {
	if (weekdayOf(date) !== null || !ISO.test(date)) return date;
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * TK11: the publication in effect for a class on a date: among those covering the class whose
 * date is on or before it, the latest date; of two with the same date, the later published.
 * Null when none applies yet (the class's week is not published).
 */
export function publicationInEffect<P extends PublicationRef>(publications: readonly P[], classCode: string, date: string): P | null {
	let best: P | null = null;
	for (const p of publications) {
		if (!p.classes.includes(classCode) || p.effectiveFrom > date) continue;
		if (!best || p.effectiveFrom > best.effectiveFrom || (p.effectiveFrom === best.effectiveFrom && p.publishedAt > best.publishedAt)) best = p;
	}
	return best;
}

/**
 * TK11: what a class's guardians are given: the publication in effect on `date` and every later
 * one that will replace it (each the last published for its date), oldest first — so a device
 * offline picks the right week itself as days pass (`publicationInEffect` on its own date).
 */
export function publicationsFrom<P extends PublicationRef>(publications: readonly P[], classCode: string, date: string): P[] {
	const current = publicationInEffect(publications, classCode, date);
	const later = new Map<string, P>();
	for (const p of publications) {
		if (!p.classes.includes(classCode) || p.effectiveFrom <= date) continue;
		const seen = later.get(p.effectiveFrom);
		if (!seen || p.publishedAt > seen.publishedAt) later.set(p.effectiveFrom, p);
	}
	return [...(current ? [current] : []), ...[...later.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))];
}

export function bellOf(frame: PublishedFrame, session: Session, period: number): { start: string; end: string } {
	const bell = frame.bells.find((b) => b.session === session && b.period === period);
	return { start: bell?.start ?? '', end: bell?.end ?? '' };
}

function sessionOrder(frame: PublishedFrame, session: Session): number {
	const at = frame.grid.sessions.indexOf(session);
	return at < 0 ? 9 : at;
}

/** Days of a grid, each with its periods sorted morning before afternoon, period by period. */
function weekFrom(days: readonly Weekday[], entries: ReadonlyArray<{ day: Weekday; order: number; entry: PeriodEntry }>): WeekView {
	return {
		days: days.map((day) => ({
			day,
			name: WEEKDAY_NAMES[day],
			periods: entries
				.filter((e) => e.day === day)
				.sort((a, b) => a.order - b.order || a.entry.period - b.entry.period || (a.entry.className ?? '').localeCompare(b.entry.className ?? '', 'vi', { numeric: true }))
				.map((e) => e.entry)
		}))
	};
}

function entryOf(source: ClassWeekSource, lesson: PublishedLesson, withClass: boolean) {
	const slot = parseSlotKey(lesson.slot);
	if (!slot || !source.frame.grid.days.includes(slot.day)) return null;
	const bell = bellOf(source.frame, slot.session, slot.period);
	return {
		day: slot.day,
		order: sessionOrder(source.frame, slot.session),
		entry: {
			session: slot.session,
			sessionName: SESSION_NAMES[slot.session],
			period: slot.period,
			start: bell.start,
			end: bell.end,
			subjectName: lesson.subjectName,
			teacherName: lesson.teacherName,
			roomName: lesson.roomName,
			className: withClass ? source.className : null,
			// Left out of a class's week: parents' student views store that week as it was.
			...(withClass ? { classCode: source.classCode } : {})
		}
	};
}

/**
 * TK12: a class's week: every day of its grid (a day without lessons stays, empty), each lesson
 * with its bell times, subject, teacher and room — nothing of any other class.
 */
export function classWeek(source: ClassWeekSource): WeekView {
	const entries = source.lessons.map((l) => entryOf(source, l, false)).filter((e) => e !== null);
	return weekFrom(source.frame.grid.days, entries);
}

/** The days of several class weeks' grids, Monday first. */
function daysOf(sources: readonly ClassWeekSource[]): Weekday[] {
	return [...new Set(sources.flatMap((s) => s.frame.grid.days))].sort((a, b) => a - b);
}

/**
 * TK13: a teacher's week: the lessons with that teacher in each class's published week in
 * effect, each naming its class. Two classes in one slot (a TK2 conflict) both show.
 */
export function teacherWeek(sources: readonly ClassWeekSource[], teacher: string): WeekView {
	const entries = sources.flatMap((s) => s.lessons.filter((l) => l.teacher === teacher).map((l) => entryOf(s, l, true))).filter((e) => e !== null);
	return weekFrom(daysOf(sources), entries);
}

/** TK14: a room's week: the lessons held in that shared room, each naming its class. */
export function roomWeek(sources: readonly ClassWeekSource[], room: string): WeekView {
	const entries = sources.flatMap((s) => s.lessons.filter((l) => l.room === room).map((l) => entryOf(s, l, true))).filter((e) => e !== null);
	return weekFrom(daysOf(sources), entries);
}

/**
 * TK15: today first: the day of `date` (its periods in order) and the rest of the week in order
 * from the next day, wrapping round to Monday. On a Sunday, or a day not in the week, `today` is
 * null and the week is as it is.
 */
export function todayFirst(week: WeekView, date: string): { today: DayEntry | null; rest: DayEntry[] } {
	const day = weekdayOf(date);
	const at = week.days.findIndex((d) => d.day === day);
	if (at < 0) return { today: null, rest: [...week.days] };
	return { today: week.days[at]!, rest: [...week.days.slice(at + 1), ...week.days.slice(0, at)] };
}

/** A period's line as pages show it, e.g. "Tiết 1 (07:00–07:45)". */
export function periodLabel(entry: Pick<PeriodEntry, 'period' | 'start' | 'end'>): string {
	return entry.start ? `Tiết ${entry.period} (${entry.start}–${entry.end})` : `Tiết ${entry.period}`;
}

/**
 * TK11: of a class's published weeks (oldest first, one per date), the one in effect on `date`
 * and the next one to come, as the parents' page shows them.
 */
export function weekOn<W extends { readonly effectiveFrom: string }>(weeks: readonly W[], date: string): { current: W | null; next: W | null } {
	let current: W | null = null;
	let next: W | null = null;
	for (const week of weeks) {
		if (week.effectiveFrom <= date) {
			if (!current || week.effectiveFrom >= current.effectiveFrom) current = week;
		} else if (!next || week.effectiveFrom < next.effectiveFrom) next = week;
	}
	return { current, next };
}
