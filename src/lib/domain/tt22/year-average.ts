/**
 * G6 — subject average for the year, ĐTBmcn (Điều 9):
 *   ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3, from the ROUNDED term averages recorded in the gradebook,
 * rounded half up to one decimal. (With one-decimal inputs the exact value is never a tie.)
 */
import { attempt, type Tt22Result } from './errors';
import { divideRoundHalfUp } from './rounding';
import {
	readMarkCell,
	readTenthsCell,
	tenthsFromInteger,
	tenthsToNumber,
	type MarkInput,
	type Tenths,
	type TenthsInput
} from './tenths';

export const TERM2_WEIGHT = 2;

export const YEAR_FIELDS = { term1: 'ĐTBmhk I', term2: 'ĐTBmhk II' } as const;

function averageOf(term1: Tenths, term2: Tenths): Tenths {
	return tenthsFromInteger(divideRoundHalfUp(term1 + TERM2_WEIGHT * term2, 1 + TERM2_WEIGHT));
}

export function yearAverageTenths(term1: TenthsInput, term2: TenthsInput): Tenths {
	return averageOf(readTenthsCell(term1, YEAR_FIELDS.term1), readTenthsCell(term2, YEAR_FIELDS.term2));
}

export function tryYearAverageTenths(term1: TenthsInput, term2: TenthsInput): Tt22Result<Tenths> {
	return attempt(() => yearAverageTenths(term1, term2));
}

/** yearAverage(5.5, 4.7) = 5.0 (14.9 / 3 = 4.966…). */
export function yearAverage(term1: MarkInput, term2: MarkInput): number {
	return tenthsToNumber(averageOf(readMarkCell(term1, YEAR_FIELDS.term1), readMarkCell(term2, YEAR_FIELDS.term2)));
}
