/**
 * The four levels shared by academic results and conduct (Điều 8, Điều 9): Tốt > Khá > Đạt > Chưa đạt.
 * Strings are NFC; input in another normal form is normalised, anything else is INVALID_LEVEL.
 */
import { Tt22Error } from './errors';

export type Level = 'Tốt' | 'Khá' | 'Đạt' | 'Chưa đạt';

/** Lowest first, so the index is the rank used by the adjustment rule's "L + 2". */
export const LEVELS: readonly Level[] = ['Chưa đạt', 'Đạt', 'Khá', 'Tốt'];

export type LevelRank = 0 | 1 | 2 | 3;

const RANK: Readonly<Record<Level, LevelRank>> = { 'Chưa đạt': 0, Đạt: 1, Khá: 2, Tốt: 3 };
const BY_RANK: readonly [Level, Level, Level, Level] = ['Chưa đạt', 'Đạt', 'Khá', 'Tốt'];

export function isLevel(value: unknown): value is Level {
	return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

export function parseLevel(value: unknown, field?: string): Level {
	const normalised = typeof value === 'string' ? value.normalize('NFC') : value;
	if (!isLevel(normalised)) {
		throw new Tt22Error('INVALID_LEVEL', 'Mức đánh giá phải là Tốt, Khá, Đạt hoặc Chưa đạt', field);
	}
	return normalised;
}

export function levelRank(level: Level): LevelRank {
	return RANK[level];
}

export function levelFromRank(rank: LevelRank): Level {
	return BY_RANK[rank];
}

/** Negative when a is lower than b, 0 when equal, positive when higher. */
export function compareLevels(a: Level, b: Level): number {
	return RANK[a] - RANK[b];
}

export function isAtLeast(level: Level, minimum: Level): boolean {
	return RANK[level] >= RANK[minimum];
}
