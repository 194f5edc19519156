/**
 * The demo school's timetable version 1: a filled week built from the teaching assignments.
 * One-session classes as a city THCS runs them (grades 8–9 in the morning, 6–7 in the afternoon,
 * Thứ Hai to Thứ Bảy); chào cờ in the first period of Monday and sinh hoạt lớp with the homeroom
 * teacher in the last of Saturday, both counted as HĐTN-HN periods; then each class's term I plan
 * (TK10) laid out by the same deterministic greedy fill as `npm run bench:timetable`. Where a
 * teacher has no free slot left the lesson lands in the class's first free slot: a real conflict
 * for the demo's scheduler to resolve.
 */
import type { Grade } from '../../src/lib/domain/curriculum/subjects';
import type { Lesson } from '../../src/lib/domain/timetable/conflicts';
import { greedyFill } from '../../src/lib/domain/timetable/greedy-fill';
import { DEFAULT_GRID, slotKey, slotsOf, type Session } from '../../src/lib/domain/timetable/period-grid';
import { weeklyPlanFor } from '../../src/lib/domain/timetable/weekly-plan';
import type { TimetableRoster } from '../../src/lib/ydoc/timetable';

/** The session a grade studies in (one-session classes). */
export const homeSession = (grade: number): Session => (grade >= 8 ? 'sang' : 'chieu');

export function demoWeek(roster: TimetableRoster, homeroomTeacherOf: ReadonlyMap<string, string>): Lesson[] {
	const teachers = new Set(roster.teachers.map((t) => t.id));
	const fixed: Lesson[] = [];
	const toFill = roster.classes.map((klass) => {
		const session = homeSession(klass.grade);
		const flag = slotKey({ day: 2, session, period: 1 });
		const meeting = slotKey({ day: 7, session, period: DEFAULT_GRID.periodsPerSession });
		const homeroom = homeroomTeacherOf.get(klass.code);
		// The whole school in the yard: no room, so the classes do not double-book one (TK3).
		fixed.push({ classCode: klass.code, slot: flag, subject: 'chao-co', teacher: null, room: null });
		fixed.push({ classCode: klass.code, slot: meeting, subject: 'sinh-hoat-lop', teacher: homeroom && teachers.has(homeroom) ? homeroom : null, room: null });
		const teacherOf = new Map(klass.subjects.map((s) => [s.subject, s.teacher]));
		const plan = weeklyPlanFor(klass.grade as Grade, 'hk1');
		// The two activities are HĐTN-HN periods already placed.
		plan.set('hdtn-hn', Math.max(0, (plan.get('hdtn-hn') ?? 0) - 2));
		return {
			classCode: klass.code,
			slots: slotsOf({ ...DEFAULT_GRID, sessions: [session] })
				.map(slotKey)
				.filter((slot) => slot !== flag && slot !== meeting),
			// Round robin over the subjects, so a day mixes subjects instead of four periods of one.
			wanted: roundRobin([...plan].map(([subject, periods]) => Array.from({ length: periods }, () => ({ subject, teacher: teacherOf.get(subject) ?? null, room: subject === 'tin-hoc' ? 'phong-may' : null }))))
		};
	});
	return [...fixed, ...greedyFill(toFill, () => 0, fixed)];
}

function roundRobin<T>(lists: T[][]): T[] {
	const out: T[] = [];
	for (let i = 0; lists.some((list) => i < list.length); i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
	return out;
}
