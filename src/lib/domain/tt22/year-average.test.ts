import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { attempt, termAverage, yearAverage, yearAverageTenths, type Tenths } from './index';
import { referenceRoundHalfUp, tenthsArb, termTenthsArb, thrown } from './test-fixtures';

const toNumbers = (marks: { regular: number[]; midterm: number; final: number }) => ({
	regular: marks.regular.map((t) => t / 10),
	midterm: marks.midterm / 10,
	final: marks.final / 10
});

describe('G6 ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3 from the rounded term averages', () => {
	it('G6 6.3 and 6.6 give exactly 6.5 (Ex 4)', () => {
		expect(yearAverage(6.3, 6.6)).toBe(6.5);
	});

	it('G6 5.5 and 4.7 give 14.9 / 3 = 4.966… → 5.0 (Ex 5)', () => {
		expect(yearAverage(5.5, 4.7)).toBe(5);
	});

	it('G6 term II weighs double: 9.0 / 6.0 → 7.0 but 6.0 / 9.0 → 8.0', () => {
		expect(yearAverage(9, 6)).toBe(7);
		expect(yearAverage(6, 9)).toBe(8);
	});

	it('G6 the tenths variant works on tenths (Ex 5)', () => {
		expect(yearAverageTenths(55 as Tenths, 47 as Tenths)).toBe(50);
	});

	it('G6 refuses an unrounded term average such as 7.25 instead of re-rounding it', () => {
		expect(thrown(() => yearAverage(7.25, 8))).toMatchObject({ code: 'TOO_MANY_DECIMALS', field: 'ĐTBmhk I' });
	});

	it('G6 refuses 10.5 and -1', () => {
		expect(thrown(() => yearAverage(10.5, 8))).toMatchObject({ code: 'MARK_OUT_OF_RANGE' });
		expect(thrown(() => yearAverage(8, -1))).toMatchObject({ code: 'MARK_OUT_OF_RANGE', field: 'ĐTBmhk II' });
	});

	it('G6 a missing term average gives "Thiếu ĐTBmhk II"', () => {
		expect(attempt(() => yearAverage(7, null))).toEqual({ ok: false, code: 'MISSING_MARK', reason: 'Thiếu ĐTBmhk II', field: 'ĐTBmhk II' });
		expect(attempt(() => yearAverage(7, 8))).toEqual({ ok: true, value: 7.7 });
	});

	it('G6 matches the BigInt reference and is never an exact tie (property)', () => {
		fc.assert(
			fc.property(tenthsArb, tenthsArb, (term1, term2) => {
				const numerator = BigInt(term1 + 2 * term2);
				expect(yearAverage(term1 / 10, term2 / 10)).toBe(Number(referenceRoundHalfUp(numerator, 3n)) / 10);
				// (t1 + 2·t2) / 3 has remainder 0, 1 or 2 thirds: never one half.
				expect(2n * (numerator % 3n)).not.toBe(3n);
			}),
			{ numRuns: 2000 }
		);
	});

	it('G6 yearAverage of the rounded term averages equals the exact reference on those rounded values (property)', () => {
		fc.assert(
			fc.property(termTenthsArb, termTenthsArb, (marks1, marks2) => {
				const term1 = termAverage(toNumbers(marks1));
				const term2 = termAverage(toNumbers(marks2));
				const t1 = BigInt(Math.round(term1 * 10));
				const t2 = BigInt(Math.round(term2 * 10));
				expect(yearAverage(term1, term2)).toBe(Number(referenceRoundHalfUp(t1 + 2n * t2, 3n)) / 10);
			}),
			{ numRuns: 1000 }
		);
	});

	it('G6 the year average lies between the two term averages (property)', () => {
		fc.assert(
			fc.property(tenthsArb, tenthsArb, (term1, term2) => {
				const year = yearAverage(term1 / 10, term2 / 10) * 10;
				expect(year).toBeGreaterThanOrEqual(Math.min(term1, term2));
				expect(year).toBeLessThanOrEqual(Math.max(term1, term2));
			})
		);
	});

	it('G6 raising either term average never lowers the year average (property)', () => {
		fc.assert(
			fc.property(tenthsArb, tenthsArb, tenthsArb, (term1, term2, raisedTo) => {
				const base = yearAverage(term1 / 10, term2 / 10);
				expect(yearAverage(Math.max(term1, raisedTo) / 10, term2 / 10)).toBeGreaterThanOrEqual(base);
				expect(yearAverage(term1 / 10, Math.max(term2, raisedTo) / 10)).toBeGreaterThanOrEqual(base);
			})
		);
	});
});
