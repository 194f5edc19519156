/**
 * G4 — subject average for one term, ĐTBmhk (Điều 9):
 *   ĐTBmhk = (ΣĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (nĐĐGtx + 5), rounded half up to one decimal.
 * G5 — no average while a required mark is missing (Điều 6–7: make-up first, 0 only when the
 * teacher records it).
 */
import { attempt, Tt22Error, type Tt22Result } from './errors';
import { isRegularCount, type RegularCount } from './regular-assessment-count';
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

/** One term of one scored subject for one student; `T` is the cell type. */
export interface TermMarks<T> {
	readonly regular: readonly T[];
	readonly midterm: T;
	readonly final: T;
}

export interface TermAverageOptions {
	/**
	 * The subject's number of ĐĐGtx (G3). When given, exactly that many are required and a short
	 * list reports the first missing one. Without it, 1 to 4 are accepted (decision D4).
	 */
	readonly regularCount?: RegularCount;
}

export const MIN_REGULAR_MARKS = 1;
export const MAX_REGULAR_MARKS = 4;
export const MIDTERM_WEIGHT = 2;
export const FINAL_WEIGHT = 3;

/** Labels the gradebook uses for each cell; they appear in error messages ("Thiếu ĐĐGck"). */
export const TERM_FIELDS = {
	regular: (index: number): string => `ĐĐGtx${index + 1}`,
	midterm: 'ĐĐGgk',
	final: 'ĐĐGck'
} as const;

function checkRegularCount(length: number, options: TermAverageOptions | undefined): void {
	const expected = options?.regularCount;
	if (expected === undefined) {
		if (length < MIN_REGULAR_MARKS || length > MAX_REGULAR_MARKS) {
			throw new Tt22Error('WRONG_MARK_COUNT', `Cần từ ${MIN_REGULAR_MARKS} đến ${MAX_REGULAR_MARKS} ĐĐGtx, đang có ${length}`, 'ĐĐGtx');
		}
		return;
	}
	if (!isRegularCount(expected)) {
		throw new Tt22Error('WRONG_MARK_COUNT', 'Số ĐĐGtx của môn phải là 2, 3 hoặc 4', 'ĐĐGtx');
	}
	if (length > expected) {
		throw new Tt22Error('WRONG_MARK_COUNT', `Môn này có ${expected} ĐĐGtx mỗi học kì, đang có ${length}`, 'ĐĐGtx');
	}
	if (length < expected) {
		const field = TERM_FIELDS.regular(length);
		throw new Tt22Error('MISSING_MARK', `Thiếu ${field}`, field);
	}
}

function readTermMarks<T>(
	marks: TermMarks<T>,
	options: TermAverageOptions | undefined,
	readCell: (value: T, field: string) => Tenths
): TermMarks<Tenths> {
	checkRegularCount(marks.regular.length, options);
	const regular: Tenths[] = [];
	// An index loop, not map(): holes in a sparse array must be read as missing marks.
	for (let index = 0; index < marks.regular.length; index++) {
		regular.push(readCell(marks.regular[index] as T, TERM_FIELDS.regular(index)));
	}
	return {
		regular,
		midterm: readCell(marks.midterm, TERM_FIELDS.midterm),
		final: readCell(marks.final, TERM_FIELDS.final)
	};
}

function averageOf(marks: TermMarks<Tenths>): Tenths {
	let numerator: number = MIDTERM_WEIGHT * marks.midterm + FINAL_WEIGHT * marks.final;
	for (const mark of marks.regular) numerator += mark;
	const denominator = marks.regular.length + MIDTERM_WEIGHT + FINAL_WEIGHT;
	return tenthsFromInteger(divideRoundHalfUp(numerator, denominator));
}

/** ĐTBmhk from cells holding tenths (75 = 7.5). */
export function termAverageTenths(marks: TermMarks<TenthsInput>, options?: TermAverageOptions): Tenths {
	return averageOf(readTermMarks(marks, options, readTenthsCell));
}

export function tryTermAverageTenths(marks: TermMarks<TenthsInput>, options?: TermAverageOptions): Tt22Result<Tenths> {
	return attempt(() => termAverageTenths(marks, options));
}

/** ĐTBmhk from plain numbers: termAverage({ regular: [7, 8, 6.5, 9], midterm: 7.5, final: 8 }) = 7.7. */
export function termAverage(marks: TermMarks<MarkInput>, options?: TermAverageOptions): number {
	return tenthsToNumber(averageOf(readTermMarks(marks, options, readMarkCell)));
}
