import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS, type Level } from '../tt22';
import { buildClassSummary, parsePeriod, summarySubjects, PERIODS, type HomeroomRecord, type MarkRecord } from './index';

const UNITS = ['ngu-van', 'toan', 'ngoai-ngu-1', 'gdcd', 'ls-dl', 'khtn', 'cong-nghe', 'tin-hoc', 'gdtc', 'am-nhac', 'mi-thuat', 'hdtn-hn', 'gddp'];

describe('S1 the class’s units from the curriculum', () => {
	it('S1 programme order, ĐĐGtx count by grade (Công nghệ 3 in grade 8, 2 in grade 6), Nghệ thuật as the programme subject', () => {
		const grade8 = summarySubjects(new Set([...UNITS].reverse()), 8);
		expect(grade8.map((s) => s.code)).toEqual(UNITS);
		expect(grade8.find((s) => s.code === 'cong-nghe')?.regularCount).toBe(3);
		expect(summarySubjects(['cong-nghe'], 6)[0]?.regularCount).toBe(2);
		expect(grade8.find((s) => s.code === 'toan')?.regularCount).toBe(4);
		expect(grade8.find((s) => s.code === 'am-nhac')).toMatchObject({ programmeSubject: 'nghe-thuat', programmeName: 'Nghệ thuật', regularCount: 2 });
		expect(summarySubjects(['toan', 'khong-co'], 6).map((s) => s.code)).toEqual(['toan']);
	});

	it('periods: ?ky=hk1 | hk2 | ca-nam, empty → the year, anything else refused', () => {
		expect(PERIODS.map((p) => parsePeriod(p === 'year' ? 'ca-nam' : p))).toEqual(['hk1', 'hk2', 'year']);
		expect(parsePeriod(null)).toBe('year');
		expect(parsePeriod('')).toBe('year');
		expect(parsePeriod('hk3')).toBeNull();
	});
});

const SUBJECTS = summarySubjects(UNITS, 7);
const COLUMNS = ['tx1', 'tx2', 'tx3', 'tx4', 'gk', 'ck'];
const STUDENTS = ['a', 'b', 'c', 'd'];
const markText = fc.oneof(
	fc.integer({ min: 0, max: 100 }).map((t) => `${Math.trunc(t / 10)}.${t % 10}`),
	fc.constantFrom('Đ', 'CĐ', 'Đ', null, '7,25', 'x', '11.0')
);
const markRecord: fc.Arbitrary<MarkRecord> = fc.record({
	studentId: fc.constantFrom(...STUDENTS),
	subject: fc.constantFrom(...UNITS),
	term: fc.constantFrom('hk1' as const, 'hk2' as const),
	column: fc.constantFrom(...COLUMNS),
	value: markText
});
const homeroomRecord: fc.Arbitrary<HomeroomRecord> = fc.record({
	studentId: fc.constantFrom(...STUDENTS),
	term: fc.constantFrom('hk1' as const, 'hk2' as const),
	conduct: fc.option(fc.constantFrom<Level>(...LEVELS), { nil: null }),
	absences: fc.record({
		excused: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
		unexcused: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
		unclassified: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null })
	})
});

describe('S12 whatever is recorded, the summary is total', () => {
	it('S12 S13 never throws on any recorded values (invalid ones included); counts add up to the class size', () => {
		fc.assert(
			fc.property(fc.array(markRecord, { maxLength: 300 }), fc.array(homeroomRecord, { maxLength: 10 }), fc.constantFrom(...PERIODS), (marks, homeroom, period) => {
				const summary = buildClassSummary({ subjects: SUBJECTS, students: STUDENTS.map((id) => ({ id, name: id, code: id })), marks, homeroom }, period);
				const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);
				expect(sum(summary.counts.academic)).toBe(STUDENTS.length);
				expect(sum(summary.counts.conduct)).toBe(STUDENTS.length);
				if (period === 'year') {
					expect(sum(summary.counts.promotion!)).toBe(STUDENTS.length);
					expect(sum(summary.counts.award!)).toBe(STUDENTS.length);
				}
				for (const histogram of summary.histograms) expect(histogram.bins.reduce((a, b) => a + b.count, 0) + histogram.missing).toBe(STUDENTS.length);
			}),
			{ numRuns: 200 }
		);
	});
});
