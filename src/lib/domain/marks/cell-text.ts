/**
 * A mark as canonical text for SQL, CSV and audit: "7.5" / "10.0" for scores (integer tenths,
 * formatted with integer arithmetic), "Đ" / "CĐ" for comment marks, null for an empty cell.
 */
import type { CommentMark } from './mark-input';

export type MarkValue = number | CommentMark | null;

export function markToText(value: MarkValue): string | null {
	if (value === null) return null;
	if (typeof value === 'string') return value;
	return `${Math.trunc(value / 10)}.${value % 10}`;
}

export function markFromText(text: string | null): MarkValue | undefined {
	if (text === null) return null;
	if (text === 'Đ' || text === 'CĐ') return text;
	const match = /^(\d{1,2})\.(\d)$/.exec(text);
	if (!match) return undefined;
	const tenths = Number(match[1]) * 10 + Number(match[2]);
	return tenths <= 100 ? tenths : undefined;
}
