/**
 * A published week with the day changes of the week shown (TK16–TK17): each lesson a substitute
 * takes or that is cancelled on its date carries the change, worded from the reader's side; a
 * teacher's week also shows the lessons they take as substitute. Pure; the staff week pages and
 * "Tuần của tôi" read it.
 */
import { parseSlotKey, SESSION_NAMES, slotKey } from './period-grid';
import { bellOf, type MarkedChange, type PeriodEntry, type PublishedFrame, type WeekView } from './week';

/** A day change with the names a page shows (the server resolves them). */
export interface NamedWeekChange {
	readonly date: string;
	readonly slot: string;
	readonly classCode: string;
	readonly className: string;
	readonly kind: 'substitute' | 'cancelled';
	readonly subjectName: string;
	readonly substitute: string | null;
	readonly substituteName: string | null;
	readonly originalTeacher: string | null;
	readonly originalTeacherName: string | null;
}

/**
 * TK17: a change in words. With `teacher`, from that teacher's side ("dạy thay cô A" for the
 * substitute, "thầy B dạy thay" for the absent one; `addressed` speaks to them: "bạn"); without,
 * both named (a class's or a room's week).
 */
export function describeDayChange(change: NamedWeekChange, teacher: string | null = null, addressed = false): string {
	if (change.kind === 'cancelled') return 'lớp nghỉ tiết này';
	const substitute = change.substituteName ?? 'giáo viên khác';
	const original = change.originalTeacherName ?? '';
	if (teacher !== null && change.substitute === teacher) return `${addressed ? 'bạn ' : ''}dạy thay ${original}`.trim();
	if (teacher !== null && change.originalTeacher === teacher) return `${substitute} dạy thay${addressed ? ' bạn' : ''}`;
	return `${substitute} dạy thay ${original}`.trim();
}

export type WeekOf = { kind: 'class'; classCode: string } | { kind: 'teacher'; teacher: string } | { kind: 'room' };

/**
 * TK16: `week` (one calendar week's published lessons) with `changes` (that week's) marked on the
 * lessons they concern — same class, same slot; a class's week knows its class from `of`. On a
 * teacher's week a lesson the teacher takes as substitute is added to its slot (bell times from
 * `frame`), marked `taken`. Returns the week and the changes to list beside it, in the order
 * given: a class's, those a teacher takes or whose lessons they are (marked or not: the published
 * week may lack a lesson the version in effect has), those marked on a room's lessons.
 */
export function markWeekChanges(week: WeekView, changes: readonly NamedWeekChange[], of: WeekOf, frame: PublishedFrame): { week: WeekView; shown: NamedWeekChange[] } {
	const teacher = of.kind === 'teacher' ? of.teacher : null;
	const byLesson = new Map(changes.map((c) => [`${c.classCode}|${c.slot}`, c]));
	const shown = new Set<NamedWeekChange>();
	const mark = (c: NamedWeekChange, taken: boolean): MarkedChange => {
		shown.add(c);
		return { date: c.date, kind: c.kind, words: describeDayChange(c, teacher), taken };
	};
	const days = week.days.map((day) => {
		const periods: PeriodEntry[] = day.periods.map((p) => {
			const classCode = of.kind === 'class' ? of.classCode : p.classCode;
			const change = classCode === undefined ? undefined : byLesson.get(`${classCode}|${slotKey({ day: day.day, session: p.session, period: p.period })}`);
			return change ? { ...p, change: mark(change, false) } : p;
		});
		if (teacher !== null) {
			for (const c of changes) {
				const slot = parseSlotKey(c.slot);
				if (c.kind !== 'substitute' || c.substitute !== teacher || !slot || slot.day !== day.day) continue;
				if (periods.some((p) => p.classCode === c.classCode && p.session === slot.session && p.period === slot.period)) continue;
				periods.push({
					session: slot.session,
					sessionName: SESSION_NAMES[slot.session],
					period: slot.period,
					...bellOf(frame, slot.session, slot.period),
					subjectName: c.subjectName,
					teacherName: null,
					roomName: null,
					className: c.className,
					classCode: c.classCode,
					change: mark(c, true)
				});
			}
			periods.sort((a, b) => frame.grid.sessions.indexOf(a.session) - frame.grid.sessions.indexOf(b.session) || a.period - b.period);
		}
		return { ...day, periods };
	});
	// A class's or a teacher's list keeps a change even when the published week has no such lesson
	// (a version edited after publishing): the change stands. A room knows its lessons only.
	const concerns = (c: NamedWeekChange) =>
		of.kind === 'class' ? c.classCode === of.classCode : of.kind === 'teacher' ? c.substitute === of.teacher || c.originalTeacher === of.teacher : shown.has(c);
	return { week: { ...week, days }, shown: changes.filter(concerns) };
}
