import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { divideRoundHalfUp } from './index';
import { referenceRoundHalfUp } from './test-fixtures';

describe('G2 exact half-up rounding of rationals', () => {
	it('G2 rounds 82.5 tenths (8.25, Ex 2) half up to 83 tenths (8.3), where round-half-even gives 8.2', () => {
		expect(divideRoundHalfUp(825, 10)).toBe(83);
	});

	it('G2 rounds 1.005 at two decimals (100.5 hundredths) up to 101, where toFixed(2) gives "1.00"', () => {
		expect(divideRoundHalfUp(1005, 10)).toBe(101);
		expect((1.005).toFixed(2)).toBe('1.00'); // the float trap the engine avoids
	});

	it.each([
		[0, 7, 0],
		[1, 2, 1],
		[1, 3, 0],
		[2, 3, 1],
		[660, 8, 83],
		[695, 9, 77],
		[149, 3, 50]
	])('G2 divideRoundHalfUp(%s, %s) = %s', (numerator, denominator, expected) => {
		expect(divideRoundHalfUp(numerator, denominator)).toBe(expected);
	});

	it('G2 refuses negative, fractional or unsafe operands as a programming error', () => {
		expect(() => divideRoundHalfUp(-1, 3)).toThrow(RangeError);
		expect(() => divideRoundHalfUp(1.5, 3)).toThrow(RangeError);
		expect(() => divideRoundHalfUp(1, 0)).toThrow(RangeError);
		expect(() => divideRoundHalfUp(Number.MAX_SAFE_INTEGER, 3)).toThrow(RangeError);
	});

	it('G2 matches the exact BigInt reference on random rationals (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 20 }), (numerator, denominator) => {
				expect(divideRoundHalfUp(numerator, denominator)).toBe(
					Number(referenceRoundHalfUp(BigInt(numerator), BigInt(denominator)))
				);
			}),
			{ numRuns: 2000 }
		);
	});

	it('G2 a result is within half a unit of the exact value, ties going up (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 1000 }), (numerator, denominator) => {
				const rounded = divideRoundHalfUp(numerator, denominator);
				// |rounded − n/d| ≤ 1/2 and, on a tie, rounded is the upper neighbour.
				const twiceError = 2 * (rounded * denominator - numerator);
				expect(twiceError).toBeGreaterThan(-denominator);
				expect(twiceError).toBeLessThanOrEqual(denominator);
			})
		);
	});
});
