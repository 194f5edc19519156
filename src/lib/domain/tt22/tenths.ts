/**
 * Marks and averages as exact decimals (G1): an integer count of tenths, 0..100.
 * Everything inside the engine works on `Tenths`; plain numbers are parsed at the edge.
 */
import { Tt22Error } from './errors';

declare const tenthsBrand: unique symbol;

/** A mark or average on the 10-point scale, stored as integer tenths: 7.5 ↦ 75. */
export type Tenths = number & { readonly [tenthsBrand]: 'Tenths' };

/** A grid cell as a plain number on the 10-point scale; null / undefined = not entered yet. */
export type MarkInput = number | null | undefined;
/** A grid cell holding tenths; null / undefined = not entered yet. */
export type TenthsInput = Tenths | null | undefined;

export const MIN_TENTHS = 0 as Tenths;
export const MAX_TENTHS = 100 as Tenths;

const MESSAGES = {
	notANumber: 'Điểm phải là một số',
	outOfRange: 'Điểm phải từ 0 đến 10',
	tooManyDecimals: 'Điểm chỉ được có tối đa một chữ số thập phân',
	missing: 'Chưa nhập điểm'
} as const;

export function isTenths(value: unknown): value is Tenths {
	return typeof value === 'number' && Number.isInteger(value) && value >= MIN_TENTHS && value <= MAX_TENTHS;
}

/**
 * Brands an integer count of tenths (e.g. read back from storage). 65 ↦ 6.5.
 * Refuses non-integers and values outside 0..100.
 */
export function tenthsFromInteger(value: unknown, field?: string): Tenths {
	if (typeof value !== 'number' || Number.isNaN(value)) throw new Tt22Error('NOT_A_NUMBER', MESSAGES.notANumber, field);
	if (!Number.isInteger(value)) throw new Tt22Error('TOO_MANY_DECIMALS', MESSAGES.tooManyDecimals, field);
	if (value < MIN_TENTHS || value > MAX_TENTHS) throw new Tt22Error('MARK_OUT_OF_RANGE', MESSAGES.outOfRange, field);
	return (value + 0) as Tenths; // + 0 turns -0 into 0
}

/**
 * Parses a mark given as a JS number on the 10-point scale: 7.5 ↦ 75 tenths.
 * A number has at most one decimal exactly when it is the double nearest to `k / 10` for an
 * integer k, i.e. `Math.round(x * 10) / 10 === x` (1.1 * 10 is 11.000000000000002, but
 * 11 / 10 is again the double 1.1). 7.25, NaN, ±Infinity, -1 and 10.5 are refused.
 */
export function parseTenths(value: unknown, field?: string): Tenths {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new Tt22Error('NOT_A_NUMBER', MESSAGES.notANumber, field);
	}
	if (value < 0 || value > 10) throw new Tt22Error('MARK_OUT_OF_RANGE', MESSAGES.outOfRange, field);
	const tenths = Math.round(value * 10);
	if (tenths / 10 !== value) throw new Tt22Error('TOO_MANY_DECIMALS', MESSAGES.tooManyDecimals, field);
	return tenthsFromInteger(tenths, field);
}

/**
 * Reads one required grid cell that already holds tenths: an empty cell (null / undefined) is a
 * missing mark "Thiếu <field>" (G5), never 0.
 */
export function readTenthsCell(value: unknown, field: string): Tenths {
	if (value === null || value === undefined) throw new Tt22Error('MISSING_MARK', `Thiếu ${field}`, field);
	return tenthsFromInteger(value, field);
}

/** Like `readTenthsCell`, for a cell holding a number on the 10-point scale (7.5). */
export function readMarkCell(value: unknown, field: string): Tenths {
	if (value === null || value === undefined) throw new Tt22Error('MISSING_MARK', `Thiếu ${field}`, field);
	return parseTenths(value, field);
}

const MARK_TEXT = /^(-?)(\d+)(?:[.,](\d+))?$/;

/**
 * Parses what a teacher types in a grid cell: "7", "7.5", "7,5" (Vietnamese decimal comma),
 * "10,0". Trailing zeros after the separator are allowed ("7,50"); a second significant
 * decimal is not ("7,25"). Empty input is a missing mark, not 0 (G5).
 */
export function parseTenthsText(text: string, field?: string): Tenths {
	const trimmed = text.trim();
	if (trimmed === '') throw new Tt22Error('MISSING_MARK', field === undefined ? MESSAGES.missing : `Thiếu ${field}`, field);
	const match = MARK_TEXT.exec(trimmed);
	if (match === null) throw new Tt22Error('NOT_A_NUMBER', MESSAGES.notANumber, field);
	const [, sign = '', whole = '', fraction = ''] = match;
	const significant = fraction.replace(/0+$/, '');
	const wholeValue = Number(whole);
	const tenthDigit = significant === '' ? 0 : Number(significant[0]);
	const negative = sign === '-' && (wholeValue > 0 || significant !== '');
	if (negative || wholeValue > 10 || (wholeValue === 10 && significant !== '')) {
		throw new Tt22Error('MARK_OUT_OF_RANGE', MESSAGES.outOfRange, field);
	}
	if (significant.length > 1) throw new Tt22Error('TOO_MANY_DECIMALS', MESSAGES.tooManyDecimals, field);
	return tenthsFromInteger(wholeValue * 10 + tenthDigit, field);
}

/** 75 ↦ 7.5: the double nearest to the decimal, so it prints as the decimal. */
export function tenthsToNumber(tenths: Tenths): number {
	return tenths / 10;
}

/** 75 ↦ "7,5" (Vietnamese decimal comma by default), 100 ↦ "10,0". Always one decimal. */
export function formatTenths(tenths: Tenths, separator: ',' | '.' = ','): string {
	const units = (tenths - (tenths % 10)) / 10;
	return `${units}${separator}${tenths % 10}`;
}
