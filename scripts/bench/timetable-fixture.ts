/**
 * A generated 40-class school week for `npm run bench:timetable`: grades 6–9 with ten classes each,
 * one-session classes (8–9 in the morning, 6–7 in the afternoon, Thứ Hai to Thứ Bảy), each class's
 * term I programme plan (TK10) laid out greedily with the subject's teacher, ~1.9 teachers per
 * class as a city THCS has. Seeded: the same week on every machine.
 */
import { compulsorySubjects, type Grade } from '../../src/lib/domain/curriculum/subjects';
import type { Lesson, TimetableRules } from '../../src/lib/domain/timetable/conflicts';
import { DEFAULT_GRID, slotKey, slotsOf, type Session } from '../../src/lib/domain/timetable/period-grid';
import { weeklyPlanFor } from '../../src/lib/domain/timetable/weekly-plan';
import { greedyFill } from '../../src/lib/domain/timetable/greedy-fill';
import { createRng } from '../demo/prng';

export interface TimetableFixture {
	rules: TimetableRules;
	lessons: Lesson[];
	classes: string[];
	teachers: string[];
	slots: string[];
}

export function generatedSchoolWeek(classesPerGrade = 10, seed = 2025): TimetableFixture {
	const rng = createRng(seed);
	const plan = new Map<string, Map<string, number>>();
	const homeSession = new Map<string, Session>();
	const classes: string[] = [];
	for (const grade of [6, 7, 8, 9] as Grade[])
		for (let n = 1; n <= classesPerGrade; n++) {
			const code = `${grade}a${n}`;
			classes.push(code);
			plan.set(code, weeklyPlanFor(grade, 'hk1'));
			homeSession.set(code, grade >= 8 ? 'sang' : 'chieu');
		}
	// Each subject's teachers take classes until their week reaches ~17 periods.
	const teacherOf = new Map<string, string>();
	const load = new Map<string, number>();
	const teachers: string[] = [];
	for (const subject of compulsorySubjects()) {
		let current: string | null = null;
		for (const code of classes) {
			const periods = plan.get(code)!.get(subject.code) ?? 0;
			if (periods === 0) continue;
			if (!current || load.get(current)! + periods > 17) {
				current = `gv-${subject.code}-${teachers.filter((t) => t.startsWith(`gv-${subject.code}-`)).length + 1}`;
				teachers.push(current);
				load.set(current, 0);
			}
			teacherOf.set(`${code}|${subject.code}`, current);
			load.set(current, load.get(current)! + periods);
		}
	}
	const lessons: Lesson[] = greedyFill(
		classes.map((code) => ({
			classCode: code,
			slots: slotsOf({ ...DEFAULT_GRID, sessions: [homeSession.get(code)!] }).map(slotKey),
			wanted: [...plan.get(code)!].flatMap(([subject, periods]) =>
				Array.from({ length: periods }, () => ({ subject, teacher: teacherOf.get(`${code}|${subject}`) ?? null, room: subject === 'tin-hoc' ? 'phong-may' : null }))
			)
		})),
		(free) => rng.int(0, free - 1)
	);
	const rules: TimetableRules = {
		grid: DEFAULT_GRID,
		plan,
		weeklyNorm: new Map(teachers.map((t) => [t, 19])),
		dailyMaximum: 5,
		unavailable: new Map(teachers.slice(0, 5).map((t) => [t, new Set([slotKey({ day: 7, session: 'sang', period: 5 }), slotKey({ day: 7, session: 'chieu', period: 5 })])])),
		noSessionSplit: true
	};
	return { rules, lessons, classes, teachers, slots: slotsOf(DEFAULT_GRID).map(slotKey) };
}
