/**
 * G3 — number of regular assessments (ĐĐGtx) per term for a scored subject, from the subject's
 * periods per school year (Điều 6). Comment-only subjects always have 2 (see comment-result.ts).
 */
import { Tt22Error } from './errors';

export type RegularCount = 2 | 3 | 4;

/** Upper bounds of the 2- and 3-mark bands, in periods per year ("35 tiết", "70 tiết"). */
export const TWO_MARK_MAX_PERIODS = 35;
export const THREE_MARK_MAX_PERIODS = 70;

export function isRegularCount(value: unknown): value is RegularCount {
	return value === 2 || value === 3 || value === 4;
}

export function regularAssessmentCount(periodsPerYear: number): RegularCount {
	if (typeof periodsPerYear !== 'number' || !Number.isSafeInteger(periodsPerYear) || periodsPerYear <= 0) {
		throw new Tt22Error('INVALID_PERIOD_COUNT', 'Số tiết trong năm học phải là số nguyên dương', 'Số tiết/năm');
	}
	// 35 is the smallest allocation in the 2018 programme, so "35 tiết" belongs to the 2-mark band.
	if (periodsPerYear <= TWO_MARK_MAX_PERIODS) return 2;
	if (periodsPerYear <= THREE_MARK_MAX_PERIODS) return 3;
	return 4;
}
