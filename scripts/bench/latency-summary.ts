/** Summary figures of a set of latency samples. Pure: values in, values out. */

export interface LatencySummary {
	count: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

/** Nearest-rank percentiles (no interpolation): every figure is a latency that was observed. */
export function summarize(samples: readonly number[]): LatencySummary | null {
	if (samples.length === 0) return null;
	const sorted = Float64Array.from(samples).sort();
	const rank = (fraction: number) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length))) - 1]!;
	return { count: sorted.length, p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: sorted[sorted.length - 1]! };
}
