/**
 * G13 — promotion and summer paths (Điều 12–14). Order matters: absences first (summer work
 * cannot fix them), then conduct, then academic — the MOET clarification lets a student whose
 * conduct reaches Đạt after the summer programme go on to the academic re-assessment.
 * G14 — which subjects are re-assessed (Điều 13).
 * Students with disabilities (Điều 11) are decided case by case: the app records an override
 * with a reason on top of this result; the engine does not model it.
 */
import { Tt22Error } from './errors';
import { isAtLeast, parseLevel, type Level } from './level';
import { parseSubjectResults, type SubjectResult } from './academic-level';
import type { Tenths } from './tenths';

export type PromotionOutcome = 'Lên lớp' | 'Rèn luyện trong hè' | 'Kiểm tra lại' | 'Ở lại lớp';

/** At most 45 sessions (buổi học, one per school day, excused or not). 46 repeats the grade. */
export const MAX_ABSENCES = 45;

/** Scored subjects with ĐTBmcn below 5.0 are re-assessed. */
export const REASSESS_BELOW = 50 as Tenths;

export interface PromotionInput {
	/** Year conduct; after the summer programme, the re-assessed conduct. */
	readonly conduct: Level;
	/** Year academic level; after the re-assessment, the recomputed level. */
	readonly academic: Level;
	/** Sessions absent in the school year, counted at most one per day (decision D6). */
	readonly absences: number;
	/** The summer conduct programme has been done and `conduct` is its result. */
	readonly conductProgrammeDone?: boolean;
	/** The academic re-assessment has been done and `academic` is the recomputed level. */
	readonly reassessmentDone?: boolean;
}

function readAbsences(value: unknown): number {
	const field = 'Số buổi nghỉ';
	if (typeof value !== 'number' || Number.isNaN(value)) throw new Tt22Error('INVALID_ABSENCES', 'Số buổi nghỉ phải là một số nguyên', field);
	if (value < 0) throw new Tt22Error('NEGATIVE_ABSENCES', 'Số buổi nghỉ không được âm', field);
	if (!Number.isSafeInteger(value)) throw new Tt22Error('INVALID_ABSENCES', 'Số buổi nghỉ phải là một số nguyên', field);
	return value;
}

export function promotion(input: PromotionInput): PromotionOutcome {
	const conduct = parseLevel(input.conduct, 'Rèn luyện');
	const academic = parseLevel(input.academic, 'Học tập');
	const absences = readAbsences(input.absences);
	if (absences > MAX_ABSENCES) return 'Ở lại lớp';
	if (!isAtLeast(conduct, 'Đạt')) return input.conductProgrammeDone === true ? 'Ở lại lớp' : 'Rèn luyện trong hè';
	if (!isAtLeast(academic, 'Đạt')) return input.reassessmentDone === true ? 'Ở lại lớp' : 'Kiểm tra lại';
	return 'Lên lớp';
}

/**
 * Indices of the subjects to re-assess when the year academic level is Chưa đạt: comment subjects
 * rated CĐ and scored subjects with ĐTBmcn < 5.0. The new result replaces the year result and
 * the level is recomputed (G9–G10).
 */
export function reassessmentSubjects(subjects: readonly SubjectResult[]): number[] {
	const indices: number[] = [];
	parseSubjectResults(subjects).forEach((subject, index) => {
		const failed = subject.kind === 'score' ? subject.average < REASSESS_BELOW : subject.result === 'CĐ';
		if (failed) indices.push(index);
	});
	return indices;
}
