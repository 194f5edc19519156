/**
 * Exact rational division with HALF UP rounding (Điều 9: every mark and average keeps one
 * decimal, 8.25 → 8.3). Works on integers only, so no binary floating point result is ever
 * rounded: `toFixed` and `Math.round(x * 10) / 10` both mis-round values such as 1.005.
 */

/** Integer quotient of non-negative safe integers; `n - n % d` is an exact multiple of `d`. */
function floorDivide(numerator: number, denominator: number): number {
	return (numerator - (numerator % denominator)) / denominator;
}

/**
 * Rounds the rational `numerator / denominator` to the nearest integer, ties upward.
 * Both must be safe integers, numerator ≥ 0 and denominator > 0 (all TT22 averages are
 * non-negative). Violations are programming errors, hence `RangeError` and not `Tt22Error`.
 */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
	const doubled = 2 * numerator + denominator;
	if (
		!Number.isSafeInteger(numerator) ||
		!Number.isSafeInteger(denominator) ||
		!Number.isSafeInteger(doubled) ||
		numerator < 0 ||
		denominator <= 0
	) {
		throw new RangeError(`divideRoundHalfUp needs safe integers n ≥ 0, d > 0 (got ${numerator}/${denominator})`);
	}
	// round_half_up(n / d) = floor(n / d + 1/2) = floor((2n + d) / 2d)
	return floorDivide(doubled, 2 * denominator);
}
