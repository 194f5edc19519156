/**
 * G12 — year awards (Điều 15). "Khen thưởng đột xuất" is the principal's discretion and is not
 * computed. The academic level passed in is the recorded one (adjustment rule included).
 */
import { Tt22Error } from './errors';
import { parseLevel, type Level } from './level';
import { parseTenths, tenthsFromInteger, type Tenths } from './tenths';

export type Award = 'Xuất sắc' | 'Giỏi';

/** Xuất sắc: at least 6 scored subjects with ĐTBmcn ≥ 9.0. */
export const EXCELLENT_AVERAGE = 90 as Tenths;
export const EXCELLENT_MIN_SUBJECTS = 6;

export interface AwardInputTenths {
	readonly conduct: Level;
	readonly academic: Level;
	/** ĐTBmcn of the scored subjects, rounded (G6). */
	readonly yearAverages: readonly Tenths[];
}

export interface AwardInput {
	readonly conduct: Level;
	readonly academic: Level;
	readonly yearAverages: readonly number[];
}

function decide(conduct: Level, academic: Level, yearAverages: readonly Tenths[]): Award | null {
	if (conduct !== 'Tốt' || academic !== 'Tốt') return null;
	const excellent = yearAverages.filter((average) => average >= EXCELLENT_AVERAGE).length;
	return excellent >= EXCELLENT_MIN_SUBJECTS ? 'Xuất sắc' : 'Giỏi';
}

function readAverages(values: readonly unknown[], read: (value: unknown, field: string) => Tenths): Tenths[] {
	if (!Array.isArray(values)) throw new Tt22Error('MISSING_MARK', 'Thiếu ĐTBmcn các môn', 'ĐTBmcn');
	const averages: Tenths[] = [];
	for (let index = 0; index < values.length; index++) {
		const field = `ĐTBmcn môn ${index + 1}`;
		const value: unknown = values[index];
		if (value === null || value === undefined) throw new Tt22Error('MISSING_MARK', `Thiếu ${field}`, field);
		averages.push(read(value, field));
	}
	return averages;
}

export function awardTenths(input: AwardInputTenths): Award | null {
	const conduct = parseLevel(input.conduct, 'Rèn luyện');
	const academic = parseLevel(input.academic, 'Học tập');
	return decide(conduct, academic, readAverages(input.yearAverages, tenthsFromInteger));
}

export function award(input: AwardInput): Award | null {
	const conduct = parseLevel(input.conduct, 'Rèn luyện');
	const academic = parseLevel(input.academic, 'Học tập');
	return decide(conduct, academic, readAverages(input.yearAverages, parseTenths));
}
