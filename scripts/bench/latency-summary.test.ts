import { describe, expect, it } from 'vitest';
import { pairedRatios, summarize } from './latency-summary';

describe('summarize', () => {
	it('has nothing to say about no samples', () => {
		expect(summarize([])).toBeNull();
	});

	it('uses nearest-rank percentiles over 1..100', () => {
		const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
		expect(summarize(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
	});

	it('reports the single sample for every percentile', () => {
		expect(summarize([7.5])).toEqual({ count: 1, p50: 7.5, p95: 7.5, p99: 7.5, max: 7.5 });
	});

	it('sorts numerically, not as strings', () => {
		expect(summarize([10, 9, 100, 2])?.p50).toBe(9);
	});
});

describe('pairedRatios', () => {
	it('pairs rounds in order and takes the median of the ratios (odd count)', () => {
		expect(pairedRatios([2, 6, 3], [4, 3, 3])).toEqual({ ratios: [0.5, 2, 1], median: 1, oursNotWorse: 2 });
	});

	it('averages the two middle ratios for an even count, and ignores unpaired rounds', () => {
		const paired = pairedRatios([1, 3, 2, 8, 9], [1, 2, 4, 4]);
		expect(paired.ratios).toEqual([1, 1.5, 0.5, 2]);
		expect(paired.median).toBe(1.25);
		expect(paired.oursNotWorse).toBe(2);
	});

	it('has no median without a round the reference measured', () => {
		expect(pairedRatios([3], [])).toEqual({ ratios: [], median: null, oursNotWorse: 0 });
		expect(pairedRatios([3], [0]).median).toBeNull();
	});
});
