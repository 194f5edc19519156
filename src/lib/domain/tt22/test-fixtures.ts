/**
 * Shared fixtures for the TT22 tests (not exported from index.ts). The BigInt reference is
 * deliberately a different algorithm from rounding.ts: remainder comparison instead of
 * floor((2n + d) / 2d).
 */
import fc from 'fast-check';
import type { SubjectResult } from './academic-level';

/** round_half_up(n / d) for n ≥ 0, d > 0, on BigInt. */
export function referenceRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
	const quotient = numerator / denominator;
	const remainder = numerator % denominator;
	return 2n * remainder >= denominator ? quotient + 1n : quotient;
}

/** Exact ĐTBmhk in tenths from integer tenths, rounded by the reference. */
export function referenceTermAverage(regular: readonly number[], midterm: number, final: number): number {
	const numerator = regular.reduce((sum, mark) => sum + BigInt(mark), 0n) + 2n * BigInt(midterm) + 3n * BigInt(final);
	return Number(referenceRoundHalfUp(numerator, BigInt(regular.length + 5)));
}

export const tenthsArb = fc.integer({ min: 0, max: 100 });

export const termTenthsArb = fc.record({
	regular: fc.array(tenthsArb, { minLength: 1, maxLength: 4 }),
	midterm: tenthsArb,
	final: tenthsArb
});

/** Averages clustered around the §5 thresholds so level boundaries are exercised often. */
export const averageNearThresholdsArb = fc.oneof(
	tenthsArb,
	fc.constantFrom(34, 35, 49, 50, 64, 65, 79, 80, 89, 90)
);

export const subjectsArb: fc.Arbitrary<SubjectResult[]> = fc
	.tuple(
		fc.array(averageNearThresholdsArb, { minLength: 0, maxLength: 10 }),
		fc.array(fc.constantFrom<'Đ' | 'CĐ'>('Đ', 'Đ', 'Đ', 'CĐ'), { minLength: 0, maxLength: 5 })
	)
	.filter(([scores, comments]) => scores.length + comments.length > 0)
	.map(([scores, comments]) => [
		...scores.map((t): SubjectResult => ({ kind: 'score', average: t / 10 })),
		...comments.map((result): SubjectResult => ({ kind: 'comment', result }))
	]);

export function scored(...averages: number[]): SubjectResult[] {
	return averages.map((average) => ({ kind: 'score', average }));
}

export function comments(...results: Array<'Đ' | 'CĐ'>): SubjectResult[] {
	return results.map((result) => ({ kind: 'comment', result }));
}

/** Captures the Tt22Error a call throws, to assert its code and message together. */
export function thrown(run: () => unknown): unknown {
	try {
		run();
	} catch (error) {
		return error;
	}
	throw new Error('expected the call to throw');
}
