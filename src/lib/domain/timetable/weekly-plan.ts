/**
 * TK10 — the weekly plan a class is checked against (TK4): the programme's weekly periods of each
 * compulsory subject for the class's grade and term (curriculum C9), then the school's own plan
 * on top (a school may add periods, e.g. a two-session school's reinforcement, or set a subject to
 * 0 where it teaches it in the other term).
 */
import { compulsorySubjects, type Grade } from '../curriculum/subjects';
import { DEFAULT_TERM_WEEKS, weeklyPeriodsFor, type TermWeeks } from '../curriculum/weekly-periods';

export function weeklyPlanFor(grade: Grade, term: 'hk1' | 'hk2', schoolPlan: ReadonlyMap<string, number> = new Map(), weeks: TermWeeks = DEFAULT_TERM_WEEKS): Map<string, number> {
	const plan = new Map<string, number>(compulsorySubjects().map((s) => [s.code, weeklyPeriodsFor(s, grade, term, weeks)]));
	for (const [subject, periods] of schoolPlan) plan.set(subject, periods);
	return plan;
}
