import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	GRADES,
	PROGRAMME_SUBJECT_NAMES,
	SUBJECTS,
	assessmentColumns,
	compulsorySubjects,
	isGrade,
	isSubjectCode,
	regularAssessmentCountFor,
	regularAssessmentCountForPeriods,
	subjectByCode,
	type SubjectCode
} from './subjects';

const periods = (code: SubjectCode) => GRADES.map((g) => subjectByCode(code).periodsPerYear[g]);

describe('subjects', () => {
	it('C1 lists the 13 compulsory gradebook units with stable URL-safe codes', () => {
		expect(compulsorySubjects().map((s) => s.code)).toEqual([
			'ngu-van', 'toan', 'ngoai-ngu-1', 'gdcd', 'ls-dl', 'khtn', 'cong-nghe', 'tin-hoc',
			'gdtc', 'am-nhac', 'mi-thuat', 'hdtn-hn', 'gddp'
		]);
		const codes = SUBJECTS.map((s) => s.code);
		expect(new Set(codes).size).toBe(codes.length);
		for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		for (const s of SUBJECTS) {
			expect(s.name).toBe(s.name.normalize('NFC'));
			expect(s.shortName).toBe(s.shortName.normalize('NFC'));
		}
		expect(isSubjectCode('toan')).toBe(true);
		expect(isSubjectCode('nghe-thuat')).toBe(false);
		expect(isGrade(9)).toBe(true);
		expect(isGrade(10)).toBe(false);
	});

	it('C1 has 8 scored and 4 comment programme subjects (TT22 Điều 5)', () => {
		const byProgramme = new Map(compulsorySubjects().map((s) => [s.programmeSubject, s.assessment]));
		const scored = [...byProgramme].filter(([, a]) => a === 'score').map(([c]) => c);
		const comment = [...byProgramme].filter(([, a]) => a === 'comment').map(([c]) => c);
		expect(scored).toEqual(['ngu-van', 'toan', 'ngoai-ngu-1', 'gdcd', 'ls-dl', 'khtn', 'cong-nghe', 'tin-hoc']);
		expect(comment).toEqual(['gdtc', 'nghe-thuat', 'hdtn-hn', 'gddp']);
		expect(subjectByCode('gdcd').name).toBe('Giáo dục công dân');
		expect(subjectByCode('ls-dl').name).toBe('Lịch sử và Địa lí');
	});

	it('C2 stores periods per year by grade, Công nghệ 35/35/52/52', () => {
		expect(periods('cong-nghe')).toEqual([35, 35, 52, 52]);
		expect(periods('toan')).toEqual([140, 140, 140, 140]);
		expect(periods('ngu-van')).toEqual([140, 140, 140, 140]);
		expect(periods('khtn')).toEqual([140, 140, 140, 140]);
		expect(periods('ngoai-ngu-1')).toEqual([105, 105, 105, 105]);
		expect(periods('ls-dl')).toEqual([105, 105, 105, 105]);
		expect(periods('hdtn-hn')).toEqual([105, 105, 105, 105]);
		expect(periods('gdtc')).toEqual([70, 70, 70, 70]);
		for (const code of ['gdcd', 'tin-hoc', 'gddp'] as const) expect(periods(code)).toEqual([35, 35, 35, 35]);
	});

	it('C2 compulsory totals are 1015/1015/1032/1032 (29/29.5 per week)', () => {
		const totals = GRADES.map((g) => compulsorySubjects().reduce((sum, s) => sum + s.periodsPerYear[g], 0));
		expect(totals).toEqual([1015, 1015, 1032, 1032]);
	});

	it('C3 Nghệ thuật is two comment parts of 35 periods that add up to 70', () => {
		const parts = SUBJECTS.filter((s) => s.programmeSubject === 'nghe-thuat');
		expect(parts.map((s) => s.code)).toEqual(['am-nhac', 'mi-thuat']);
		for (const g of GRADES) expect(parts.reduce((sum, s) => sum + s.periodsPerYear[g], 0)).toBe(70);
		expect(parts.every((s) => s.assessment === 'comment')).toBe(true);
		expect(PROGRAMME_SUBJECT_NAMES['nghe-thuat']).toBe('Nghệ thuật');
	});

	it('C4 gives the ĐĐGtx counts of the TT22 table', () => {
		const expected: [SubjectCode, number[]][] = [
			['toan', [4, 4, 4, 4]], ['ngu-van', [4, 4, 4, 4]], ['khtn', [4, 4, 4, 4]],
			['ngoai-ngu-1', [4, 4, 4, 4]], ['ls-dl', [4, 4, 4, 4]],
			['cong-nghe', [2, 2, 3, 3]],
			['gdcd', [2, 2, 2, 2]], ['tin-hoc', [2, 2, 2, 2]],
			['gdtc', [2, 2, 2, 2]], ['am-nhac', [2, 2, 2, 2]], ['mi-thuat', [2, 2, 2, 2]],
			['hdtn-hn', [2, 2, 2, 2]], ['gddp', [2, 2, 2, 2]]
		];
		for (const [code, counts] of expected) {
			expect(GRADES.map((g) => regularAssessmentCountFor(code, g))).toEqual(counts);
		}
		expect(regularAssessmentCountFor(subjectByCode('cong-nghe'), 8)).toBe(3);
	});

	it('C4 bands at 35 and 70 periods; comment subjects always 2', () => {
		expect(regularAssessmentCountForPeriods('score', 35)).toBe(2);
		expect(regularAssessmentCountForPeriods('score', 36)).toBe(3);
		expect(regularAssessmentCountForPeriods('score', 70)).toBe(3);
		expect(regularAssessmentCountForPeriods('score', 71)).toBe(4);
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (a, b) => {
				expect(regularAssessmentCountForPeriods('comment', a)).toBe(2);
				const [lo, hi] = a <= b ? [a, b] : [b, a];
				expect(regularAssessmentCountForPeriods('score', lo)).toBeLessThanOrEqual(regularAssessmentCountForPeriods('score', hi));
			})
		);
	});

	it('C5 C6 lists N regular columns, then one ĐĐGgk and one ĐĐGck', () => {
		expect(assessmentColumns('toan', 6)).toEqual([
			{ key: 'tx1', label: 'ĐĐGtx1', kind: 'regular' },
			{ key: 'tx2', label: 'ĐĐGtx2', kind: 'regular' },
			{ key: 'tx3', label: 'ĐĐGtx3', kind: 'regular' },
			{ key: 'tx4', label: 'ĐĐGtx4', kind: 'regular' },
			{ key: 'gk', label: 'ĐĐGgk', kind: 'mid-term' },
			{ key: 'ck', label: 'ĐĐGck', kind: 'end-of-term' }
		]);
		expect(assessmentColumns('cong-nghe', 8).map((c) => c.key)).toEqual(['tx1', 'tx2', 'tx3', 'gk', 'ck']);
		expect(assessmentColumns('cong-nghe', 7).map((c) => c.key)).toEqual(['tx1', 'tx2', 'gk', 'ck']);
		expect(assessmentColumns('gdtc', 9).map((c) => c.label)).toEqual(['ĐĐGtx1', 'ĐĐGtx2', 'ĐĐGgk', 'ĐĐGck']);
		for (const s of SUBJECTS) {
			for (const g of GRADES) {
				const cols = assessmentColumns(s, g);
				expect(cols).toHaveLength(regularAssessmentCountFor(s, g) + 2);
				expect(cols.filter((c) => c.kind === 'mid-term')).toHaveLength(1);
				expect(cols.filter((c) => c.kind === 'end-of-term')).toHaveLength(1);
				expect(cols.every((c) => c.label === c.label.normalize('NFC'))).toBe(true);
			}
		}
	});

	it('C8 optional subjects are scored, 105 periods and not compulsory', () => {
		const optional = SUBJECTS.filter((s) => !s.compulsory);
		expect(optional.map((s) => s.code)).toEqual(['ngoai-ngu-2', 'tieng-dtts']);
		for (const s of optional) {
			expect(s.assessment).toBe('score');
			expect(GRADES.map((g) => s.periodsPerYear[g])).toEqual([105, 105, 105, 105]);
		}
	});
});
