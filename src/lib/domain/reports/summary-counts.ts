/**
 * S12: counts per level, award and promotion path; S14: histogram bins of subject averages on the
 * TT22 thresholds, so each bar tells which level test a group of students meets.
 */
import { LEVELS, type Award, type Level, type PromotionOutcome } from '../tt22';
import type { HistogramBin, LevelCounts, Outcome, StudentSummary, SubjectHistogram, SummaryCounts, SummaryPeriod, SummarySubject } from './types';

/** Tốt first: the order reports show levels in. */
export const LEVELS_HIGH_FIRST: readonly Level[] = [...LEVELS].reverse();
export const PROMOTION_OUTCOMES: readonly PromotionOutcome[] = ['Lên lớp', 'Rèn luyện trong hè', 'Kiểm tra lại', 'Ở lại lớp'];
export const AWARDS: readonly Award[] = ['Xuất sắc', 'Giỏi'];

/**
 * Bins in tenths on the Điều 9 thresholds (3.5, 5.0, 6.5, 8.0) and the Điều 15 one (9.0):
 * [0, 3.5) [3.5, 5.0) [5.0, 6.5) [6.5, 8.0) [8.0, 9.0) [9.0, 10.0].
 */
export const HISTOGRAM_EDGES: readonly number[] = [0, 35, 50, 65, 80, 90, 101];

function formatEdge(tenths: number): string {
	return `${Math.trunc(tenths / 10)},${tenths % 10}`;
}

function binLabel(from: number, to: number): string {
	if (from === 0) return `< ${formatEdge(to)}`;
	if (to > 100) return `${formatEdge(from)}–10`;
	return `${formatEdge(from)}–${formatEdge(to - 1)}`;
}

function countLevels(outcomes: ReadonlyArray<Outcome<Level>>): LevelCounts {
	const counts: Record<Level | 'missing', number> = { Tốt: 0, Khá: 0, Đạt: 0, 'Chưa đạt': 0, missing: 0 };
	for (const outcome of outcomes) counts[outcome.ok ? outcome.value : 'missing']++;
	return counts;
}

export function summaryCounts(students: readonly StudentSummary[], period: SummaryPeriod): SummaryCounts {
	const academic = countLevels(students.map((s) => (s.academic.ok ? { ok: true, value: s.academic.value.level } : s.academic)));
	const conduct = countLevels(students.map((s) => s.conduct));
	if (period !== 'year') return { academic, conduct, award: null, promotion: null };
	const award: Record<Award | 'none' | 'missing', number> = { 'Xuất sắc': 0, Giỏi: 0, none: 0, missing: 0 };
	const promotion: Record<PromotionOutcome | 'missing', number> = { 'Lên lớp': 0, 'Rèn luyện trong hè': 0, 'Kiểm tra lại': 0, 'Ở lại lớp': 0, missing: 0 };
	for (const student of students) {
		if (student.award) award[student.award.ok ? (student.award.value ?? 'none') : 'missing']++;
		if (student.promotion) promotion[student.promotion.ok ? student.promotion.value : 'missing']++;
	}
	return { academic, conduct, award, promotion };
}

/** One histogram per scored gradebook unit, of the period's averages. */
export function subjectHistograms(subjects: readonly SummarySubject[], students: readonly StudentSummary[]): SubjectHistogram[] {
	return subjects
		.filter((subject) => subject.assessment === 'score')
		.map((subject) => {
			const counts = HISTOGRAM_EDGES.slice(1).map(() => 0);
			let missing = 0;
			for (const student of students) {
				const outcome = student.subjects[subject.code];
				if (!outcome?.ok || outcome.value.kind !== 'score') {
					missing++;
					continue;
				}
				const average = outcome.value.average;
				const bin = HISTOGRAM_EDGES.findIndex((edge, i) => i > 0 && average < edge) - 1;
				counts[bin] = (counts[bin] ?? 0) + 1;
			}
			const bins: HistogramBin[] = counts.map((count, i) => {
				const from = HISTOGRAM_EDGES[i] ?? 0;
				const to = HISTOGRAM_EDGES[i + 1] ?? 101;
				return { label: binLabel(from, to), from, to, count };
			});
			return { subject: subject.code, name: subject.name, shortName: subject.shortName, bins, missing };
		});
}
