/**
 * Results of comment-only subjects (Điều 5, Điều 9 khoản 1): Đạt / Chưa đạt, abbreviated Đ / CĐ.
 * Strings are NFC; input in another normal form (e.g. NFD from a macOS import) is normalised.
 */
import { Tt22Error } from './errors';

export type Mark = 'Đ' | 'CĐ';

export const MARKS: readonly Mark[] = ['Đ', 'CĐ'];

export function isMark(value: unknown): value is Mark {
	return typeof value === 'string' && (MARKS as readonly string[]).includes(value);
}

/** Accepts exactly "Đ" or "CĐ" (any Unicode normal form); anything else is INVALID_MARK. */
export function parseMark(value: unknown, field?: string): Mark {
	const normalised = typeof value === 'string' ? value.normalize('NFC') : value;
	if (!isMark(normalised)) throw new Tt22Error('INVALID_MARK', 'Kết quả đánh giá phải là Đ hoặc CĐ', field);
	return normalised;
}
