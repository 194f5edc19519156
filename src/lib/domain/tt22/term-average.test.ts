import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { attempt, termAverage, termAverageTenths, tryTermAverageTenths, Tt22Error, type Tenths } from './index';
import { referenceTermAverage, tenthsArb, termTenthsArb, thrown } from './test-fixtures';

const toNumbers = (marks: { regular: number[]; midterm: number; final: number }) => ({
	regular: marks.regular.map((t) => t / 10),
	midterm: marks.midterm / 10,
	final: marks.final / 10
});

describe('G4 ĐTBmhk = (ΣĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (n + 5), half up to one decimal', () => {
	it('G4 Toán with 4 ĐĐGtx: 69.5 / 9 = 7.722… → 7.7 (Ex 1)', () => {
		expect(termAverage({ regular: [7, 8, 6.5, 9], midterm: 7.5, final: 8 })).toBe(7.7);
	});

	it('G4 rounds 66/8 = 8.25 half up to 8.3 (Ex 2)', () => {
		expect(termAverage({ regular: [8, 9, 8], midterm: 8.5, final: 8 })).toBe(8.3);
	});

	it('G4 GDCD with 2 ĐĐGtx: 53 / 7 = 7.571… → 7.6 (Ex 3)', () => {
		expect(termAverage({ regular: [8, 7], midterm: 7, final: 8 })).toBe(7.6);
	});

	it('G4 a recorded 0 for a missed ĐĐGck counts: 45.5 / 9 = 5.055… → 5.1 (Ex 12)', () => {
		expect(termAverage({ regular: [7, 8, 6.5, 9], midterm: 7.5, final: 0 })).toBe(5.1);
	});

	it('G4 the tenths variant gives the same result in tenths (Ex 1)', () => {
		const t = (value: number) => value as Tenths;
		expect(termAverageTenths({ regular: [t(70), t(80), t(65), t(90)], midterm: t(75), final: t(80) })).toBe(77);
	});

	it('G4 all 10 gives 10.0 and all 0 gives 0.0', () => {
		expect(termAverage({ regular: [10, 10, 10, 10], midterm: 10, final: 10 })).toBe(10);
		expect(termAverage({ regular: [0, 0], midterm: 0, final: 0 })).toBe(0);
	});

	it('G4 accepts 1 to 4 ĐĐGtx without a declared count (decision D4)', () => {
		expect(termAverage({ regular: [6], midterm: 6, final: 6 })).toBe(6);
		expect(termAverage({ regular: [6, 6, 6, 6], midterm: 6, final: 6 })).toBe(6);
	});

	it('G4 refuses an empty regular list with WRONG_MARK_COUNT', () => {
		const error = thrown(() => termAverage({ regular: [], midterm: 7, final: 8 }));
		expect(error).toBeInstanceOf(Tt22Error);
		expect(error).toMatchObject({ code: 'WRONG_MARK_COUNT' });
	});

	it('G4 refuses 5 ĐĐGtx with WRONG_MARK_COUNT', () => {
		expect(thrown(() => termAverage({ regular: [7, 7, 7, 7, 7], midterm: 7, final: 7 }))).toMatchObject({
			code: 'WRONG_MARK_COUNT'
		});
	});

	it('G4 with regularCount the list must have exactly that many marks', () => {
		const marks = { regular: [8, 9, 8], midterm: 8.5, final: 8 };
		expect(termAverage(marks, { regularCount: 3 })).toBe(8.3);
		expect(thrown(() => termAverage(marks, { regularCount: 2 }))).toMatchObject({ code: 'WRONG_MARK_COUNT' });
		expect(thrown(() => termAverage(marks, { regularCount: 4 }))).toMatchObject({
			code: 'MISSING_MARK',
			message: 'Thiếu ĐĐGtx4',
			field: 'ĐĐGtx4'
		});
	});

	it('G4 refuses a regularCount that is not 2, 3 or 4', () => {
		expect(thrown(() => termAverage({ regular: [7], midterm: 7, final: 7 }, { regularCount: 1 as 2 }))).toMatchObject({
			code: 'WRONG_MARK_COUNT'
		});
	});

	it.each([
		[7.25, 'TOO_MANY_DECIMALS'],
		[10.5, 'MARK_OUT_OF_RANGE'],
		[-1, 'MARK_OUT_OF_RANGE'],
		[NaN, 'NOT_A_NUMBER'],
		[Infinity, 'NOT_A_NUMBER']
	])('G4 refuses a mark %s with %s, naming the cell', (bad, code) => {
		expect(thrown(() => termAverage({ regular: [7, 8], midterm: bad, final: 8 }))).toMatchObject({ code, field: 'ĐĐGgk' });
		expect(thrown(() => termAverage({ regular: [7, bad], midterm: 7, final: 8 }))).toMatchObject({ code, field: 'ĐĐGtx2' });
	});

	it('G4 the tenths variant refuses a non-integer or out-of-range cell', () => {
		const t = (value: number) => value as Tenths;
		expect(thrown(() => termAverageTenths({ regular: [t(70), t(7.5)], midterm: t(70), final: t(80) }))).toMatchObject({
			code: 'TOO_MANY_DECIMALS'
		});
		expect(thrown(() => termAverageTenths({ regular: [t(70), t(70)], midterm: t(101), final: t(80) }))).toMatchObject({
			code: 'MARK_OUT_OF_RANGE'
		});
	});

	it('G4 matches the exact BigInt rational reference on random marks (property)', () => {
		fc.assert(
			fc.property(termTenthsArb, (marks) => {
				const expected = referenceTermAverage(marks.regular, marks.midterm, marks.final);
				expect(termAverage(toNumbers(marks))).toBe(expected / 10);
				expect(termAverageTenths(marks as unknown as { regular: Tenths[]; midterm: Tenths; final: Tenths })).toBe(expected);
			}),
			{ numRuns: 2000 }
		);
	});

	it('G4 an average lies between the smallest and the largest mark (property)', () => {
		fc.assert(
			fc.property(termTenthsArb, (marks) => {
				const all = [...marks.regular, marks.midterm, marks.final];
				const average = termAverage(toNumbers(marks)) * 10;
				expect(average).toBeGreaterThanOrEqual(Math.min(...all));
				expect(average).toBeLessThanOrEqual(Math.max(...all));
			}),
			{ numRuns: 1000 }
		);
	});

	it('G4 raising one mark never lowers the average (property)', () => {
		fc.assert(
			fc.property(termTenthsArb, fc.nat(), tenthsArb, (marks, slotSeed, raisedTo) => {
				const slots = marks.regular.length + 2;
				const slot = slotSeed % slots;
				const raised = { regular: [...marks.regular], midterm: marks.midterm, final: marks.final };
				if (slot < marks.regular.length) raised.regular[slot] = Math.max(marks.regular[slot] ?? 0, raisedTo);
				else if (slot === marks.regular.length) raised.midterm = Math.max(marks.midterm, raisedTo);
				else raised.final = Math.max(marks.final, raisedTo);
				expect(termAverage(toNumbers(raised))).toBeGreaterThanOrEqual(termAverage(toNumbers(marks)));
			}),
			{ numRuns: 1000 }
		);
	});

	it('G4 the order of the ĐĐGtx does not matter (property)', () => {
		fc.assert(
			fc.property(termTenthsArb, (marks) => {
				const reversed = { ...marks, regular: [...marks.regular].reverse() };
				expect(termAverage(toNumbers(reversed))).toBe(termAverage(toNumbers(marks)));
			})
		);
	});
});

describe('G5 no ĐTBmhk while a required mark is missing', () => {
	it('G5 a missing ĐĐGck gives the reason "Thiếu ĐĐGck"', () => {
		expect(attempt(() => termAverage({ regular: [7, 8, 6.5, 9], midterm: 7.5, final: null }))).toEqual({
			ok: false,
			code: 'MISSING_MARK',
			reason: 'Thiếu ĐĐGck',
			field: 'ĐĐGck'
		});
	});

	it('G5 a missing ĐĐGgk gives the reason "Thiếu ĐĐGgk"', () => {
		expect(attempt(() => termAverage({ regular: [7, 8], midterm: undefined, final: 8 }))).toMatchObject({
			ok: false,
			reason: 'Thiếu ĐĐGgk'
		});
	});

	it('G5 a missing ĐĐGtx (null or a sparse hole) names its position', () => {
		expect(attempt(() => termAverage({ regular: [7, null, 8], midterm: 7, final: 8 }))).toMatchObject({ ok: false, reason: 'Thiếu ĐĐGtx2' });
		// eslint-disable-next-line no-sparse-arrays
		expect(attempt(() => termAverage({ regular: [7, , 8], midterm: 7, final: 8 }))).toMatchObject({ ok: false, reason: 'Thiếu ĐĐGtx2' });
	});

	it('G5 the throwing variant raises MISSING_MARK', () => {
		expect(thrown(() => termAverage({ regular: [7, 8], midterm: 7, final: null }))).toMatchObject({
			code: 'MISSING_MARK',
			message: 'Thiếu ĐĐGck'
		});
	});

	it('G5 attempt(termAverage) returns the value when every mark is present (Ex 1), and tryTermAverageTenths too', () => {
		expect(attempt(() => termAverage({ regular: [7, 8, 6.5, 9], midterm: 7.5, final: 8 }))).toEqual({ ok: true, value: 7.7 });
		expect(tryTermAverageTenths({ regular: [70 as Tenths, null], midterm: 70 as Tenths, final: 80 as Tenths })).toMatchObject({
			ok: false,
			reason: 'Thiếu ĐĐGtx2'
		});
	});

	it('G5 a recorded 0 is a mark, not a missing one (Ex 12)', () => {
		expect(attempt(() => termAverage({ regular: [7, 8, 6.5, 9], midterm: 7.5, final: 0 }))).toEqual({ ok: true, value: 5.1 });
	});
});
