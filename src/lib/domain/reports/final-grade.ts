/**
 * S15: the last grade of THCS. Lớp 9 is judged by the same Điều 12 conditions as any grade (the
 * engine's G13 outcome), but a grade-9 student who meets them does not move up a class: they
 * complete the THCS programme and go forward to the graduation review (xét công nhận tốt nghiệp
 * THCS). Only the wording changes; the other paths (summer training, retest, repeat) keep theirs.
 */
import type { PromotionOutcome } from '../tt22';
import type { ClassSummary, StudentSummary } from './types';

export const LAST_THCS_GRADE = 9;
export const COMPLETES_THCS = 'Hoàn thành chương trình THCS';

/** How a year outcome is shown for a class of `grade`. */
export function promotionLabel(outcome: PromotionOutcome, grade: number): string {
	return grade === LAST_THCS_GRADE && outcome === 'Lên lớp' ? COMPLETES_THCS : outcome;
}

/**
 * The grade-9 students of a year summary who complete the programme and so go to the graduation
 * review; empty for another grade or a term summary (a term decides nothing).
 */
export function graduationReviewCandidates(summary: ClassSummary, grade: number): StudentSummary[] {
	if (grade !== LAST_THCS_GRADE || summary.period !== 'year') return [];
	return summary.students.filter((row) => row.promotion?.ok === true && row.promotion.value === 'Lên lớp');
}
