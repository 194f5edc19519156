import { describe, expect, it } from 'vitest';
import { summarize } from './latency-summary';

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
