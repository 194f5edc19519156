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

/**
 * Two servers measured in alternating segments (round r: one segment each, side by side in
 * time): the ratio of their p99 per round and the median of those ratios. A tail over a whole
 * run can be set by one burst of someone else's work; the median over rounds says which server
 * is faster most of the time.
 */
export function pairedRatios(ours: readonly number[], reference: readonly number[]): { ratios: number[]; median: number | null; oursNotWorse: number } {
	const rounds = Math.min(ours.length, reference.length);
	const ratios: number[] = [];
	for (let round = 0; round < rounds; round += 1) if (reference[round]! > 0) ratios.push(ours[round]! / reference[round]!);
	if (ratios.length === 0) return { ratios, median: null, oursNotWorse: 0 };
	const sorted = [...ratios].sort((a, b) => a - b);
	const middle = sorted.length / 2;
	const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	return { ratios, median, oursNotWorse: ratios.filter((ratio) => ratio <= 1).length };
}
