/**
 * C9 — weekly periods of a subject per term, from its periods per year (docs/domain/curriculum.md
 * §2–§3). The year has 18 teaching weeks in term I and 17 in term II, so a yearly count that 35 does
 * not divide becomes different weekly counts per term: Công nghệ 8–9 (52 periods) = 18 × 1 + 17 × 2.
 * The week counts are parameters because each school year's calendar sets them.
 */
import type { Grade, Subject, SubjectCode } from './subjects';
import { subjectByCode } from './subjects';

export interface TermWeeks {
	readonly hk1: number;
	readonly hk2: number;
}

/** The national frame of 2025–2026: 35 weeks, 18 + 17. */
export const DEFAULT_TERM_WEEKS: TermWeeks = { hk1: 18, hk2: 17 };

/**
 * Whole weekly counts (term I, term II) whose weeks add up to exactly `periodsPerYear`, as even as
 * possible; null when no whole split exists (the school's plan must then say it).
 */
export function weeklySplit(periodsPerYear: number, weeks: TermWeeks = DEFAULT_TERM_WEEKS): { hk1: number; hk2: number } | null {
	let best: { hk1: number; hk2: number } | null = null;
	for (let hk1 = 0; hk1 * weeks.hk1 <= periodsPerYear; hk1++) {
		const rest = periodsPerYear - hk1 * weeks.hk1;
		if (rest % weeks.hk2 !== 0) continue;
		const candidate = { hk1, hk2: rest / weeks.hk2 };
		if (!best || Math.abs(candidate.hk1 - candidate.hk2) < Math.abs(best.hk1 - best.hk2)) best = candidate;
	}
	return best;
}

/** Weekly periods of a subject for a grade in a term (C9); throws when the programme's count has no whole split. */
export function weeklyPeriodsFor(subject: Subject | SubjectCode, grade: Grade, term: 'hk1' | 'hk2', weeks: TermWeeks = DEFAULT_TERM_WEEKS): number {
	const s = typeof subject === 'string' ? subjectByCode(subject) : subject;
	const split = weeklySplit(s.periodsPerYear[grade], weeks);
	if (!split) throw new RangeError(`${s.code}: ${s.periodsPerYear[grade]} periods do not split into whole weeks of ${weeks.hk1} + ${weeks.hk2}`);
	return split[term];
}
