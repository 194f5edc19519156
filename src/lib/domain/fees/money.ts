/**
 * Money in integer đồng (fees SPEC FE1–FE3). Amounts are plain numbers that must be safe
 * integers: no float ever reaches a total, a percentage or a QR code. Pure: no I/O, no clock.
 */

/** A whole number of Vietnamese đồng (a safe integer; dues and payments are ≥ 0, adjustments may be negative). */
export type Dong = number;

/** FE1: throws unless `n` is a safe integer (not NaN, not 1.5, not beyond 2^53 − 1). */
export function assertDong(n: unknown, what = 'Số tiền'): asserts n is Dong {
	if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new RangeError(`${what} phải là số nguyên đồng (nhận được ${String(n)}).`);
}

/** FE1: a non-negative amount in đồng. */
export function assertNonNegativeDong(n: unknown, what = 'Số tiền'): asserts n is Dong {
	assertDong(n, what);
	if (n < 0) throw new RangeError(`${what} không được âm (nhận được ${n}).`);
}

/** FE1: the sum of amounts, checked to stay a safe integer. */
export function sumDong(xs: Iterable<Dong>): Dong {
	let total = 0;
	for (const x of xs) {
		assertDong(x);
		total += x;
		if (!Number.isSafeInteger(total)) throw new RangeError('Tổng số tiền vượt quá giới hạn số nguyên an toàn.');
	}
	return total;
}

/** FE2: "1.250.000 đ" — dots between thousands, a space and "đ"; negative amounts start with "-". */
export function formatDong(n: Dong): string {
	assertDong(n);
	const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	return `${n < 0 ? '-' : ''}${digits} đ`;
}

/**
 * FE3: `percent`% of `amount`, rounded to the nearest đồng with halves rounded up (away from
 * zero for a positive amount). Computed in BigInt, so exact for every safe integer. 100% of an
 * amount is the amount itself and 0% is 0, so a full exemption leaves exactly 0 to pay.
 */
export function percentOf(amount: Dong, percent: number): Dong {
	assertDong(amount);
	if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`Tỷ lệ miễn giảm phải là số nguyên từ 0 đến 100 (nhận được ${percent}).`);
	const sign = amount < 0 ? -1n : 1n;
	const scaled = BigInt(Math.abs(amount)) * BigInt(percent);
	const rounded = (scaled + 50n) / 100n;
	return Number(sign * rounded);
}

/** FE2: reads "1.250.000", "1,250,000", "1 250 000", "1250000", "1.250.000 đ" or 1250000 exactly; null when it is not a whole amount. */
export function parseDong(value: unknown): Dong | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
	if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
	if (typeof value !== 'string') return null;
	let text = value
		.normalize('NFC')
		.replace(/[\u00a0\u202f]/g, ' ')
		.trim()
		.replace(/\s*(đ|đồng|vnd|vnđ)$/i, '')
		.trim();
	let negative = false;
	if (/^\(.*\)$/.test(text)) {
		negative = true;
		text = text.slice(1, -1).trim();
	}
	if (text.startsWith('-')) {
		negative = !negative;
		text = text.slice(1).trim();
	} else if (text.startsWith('+')) text = text.slice(1).trim();
	let digits: string;
	if (/^\d+$/.test(text)) digits = text;
	else if (/^\d{1,3}([., ]\d{3})+$/.test(text) && new Set(text.replace(/\d/g, '')).size === 1) digits = text.replace(/[., ]/g, '');
	else if (/^\d+[.,]0{1,2}$/.test(text)) digits = text.replace(/[.,]0{1,2}$/, '');
	else if (/^\d{1,3}([.,]\d{3})*[.,]0{1,2}$/.test(text)) {
		// "1,250,000.00" / "1.250.000,00": a zero decimal part after the other separator.
		const sep = text.at(-3) === '.' || text.at(-3) === ',' ? text.at(-3)! : text.at(-2)!;
		const [whole] = text.split(sep) as [string];
		const groupSeps = new Set(whole.replace(/\d/g, ''));
		if (groupSeps.has(sep) || groupSeps.size > 1) return null;
		if (whole.length > 3 && !/^\d{1,3}([.,]\d{3})+$/.test(whole) && !/^\d+$/.test(whole)) return null;
		digits = whole.replace(/[.,]/g, '');
	} else return null;
	const n = Number(digits);
	if (!Number.isSafeInteger(n)) return null;
	return negative ? -n : n;
}
