import { describe, expect, it } from 'vitest';
import { PROMOTION_OUTCOMES, buildClassSummary, summarySubjects, type HomeroomRecord, type MarkRecord } from './index';
import { COMPLETES_THCS, graduationReviewCandidates, promotionLabel } from './final-grade';
import { REGULAR_COLUMNS } from './subject-results';

const UNITS = ['ngu-van', 'toan', 'ngoai-ngu-1', 'gdcd', 'ls-dl', 'khtn', 'cong-nghe', 'tin-hoc', 'gdtc', 'am-nhac', 'mi-thuat', 'hdtn-hn', 'gddp'];
const SUBJECTS = summarySubjects(UNITS, 9);

/** Every column of every subject in both terms: 8.0 for scored units, Đ for comment units. */
function goodMarks(studentId: string): MarkRecord[] {
	return (['hk1', 'hk2'] as const).flatMap((term) =>
		SUBJECTS.flatMap((unit) =>
			[...REGULAR_COLUMNS.slice(0, unit.regularCount), 'gk', 'ck'].map((column) => ({ studentId, subject: unit.code, term, column, value: unit.assessment === 'score' ? '8.0' : 'Đ' }))
		)
	);
}

const homeroom = (studentId: string, absences: number): HomeroomRecord[] => [
	{ studentId, term: 'hk1', conduct: 'Tốt', absences: { excused: absences, unexcused: 0, unclassified: null } },
	{ studentId, term: 'hk2', conduct: 'Tốt', absences: { excused: 0, unexcused: absences, unclassified: null } }
];

/** a: meets Điều 12; b: 50 sessions absent (Ở lại lớp); c: no homeroom record (not decided). */
const input = {
	subjects: SUBJECTS,
	students: ['a', 'b', 'c'].map((id) => ({ id, name: `Học sinh ${id}`, code: `HS-${id}` })),
	marks: ['a', 'b', 'c'].flatMap(goodMarks),
	homeroom: [...homeroom('a', 0), ...homeroom('b', 25)]
};

describe('S15 the last grade of THCS', () => {
	it('S15 a grade-9 student who meets Điều 12 completes the THCS programme instead of moving up', () => {
		expect(promotionLabel('Lên lớp', 9)).toBe(COMPLETES_THCS);
		expect(COMPLETES_THCS).toBe('Hoàn thành chương trình THCS');
	});

	it('S15 grades 6–8 keep "Lên lớp"; the other paths keep their wording in grade 9', () => {
		for (const grade of [6, 7, 8]) expect(promotionLabel('Lên lớp', grade)).toBe('Lên lớp');
		for (const outcome of PROMOTION_OUTCOMES.filter((o) => o !== 'Lên lớp')) expect(promotionLabel(outcome, 9)).toBe(outcome);
	});

	it('S15 the graduation review list holds exactly the grade-9 students who complete the programme', () => {
		const summary = buildClassSummary(input, 'year');
		expect(summary.students.map((s) => s.promotion?.ok && s.promotion.value)).toEqual(['Lên lớp', 'Ở lại lớp', false]);
		expect(graduationReviewCandidates(summary, 9).map((s) => s.student.code)).toEqual(['HS-a']);
	});

	it('S15 no list for another grade or for a term', () => {
		expect(graduationReviewCandidates(buildClassSummary(input, 'year'), 8)).toEqual([]);
		expect(graduationReviewCandidates(buildClassSummary(input, 'hk2'), 9)).toEqual([]);
	});
});
