/**
 * Numbers and times as a person in a Vietnamese school reads them, in every page and export:
 * marks with a decimal comma exactly as the grid shows them ("7,5", "10", "Đ"), and instants as
 * local wall-clock time "dd/MM/yyyy HH:mm" in Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without
 * daylight saving since 1975, so the offset is a constant: the same text on the server, in any
 * browser and in tests, whatever the machine's own time zone or ICU data.
 */
import { vietnamWallClock } from '../calendar/vietnam-time';
import { markFromText } from '../marks/cell-text';
import { formatTenths } from '../marks/mark-input';

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** 2025-10-03T17:05:00Z (a Date or epoch milliseconds, as documents store it) → "04/10/2025 00:05"; invalid → "". */
export function formatLocalDateTime(at: Date | number): string {
	const ms = typeof at === 'number' ? at : at.getTime();
	if (!Number.isFinite(ms)) return '';
	const local = vietnamWallClock(ms);
	if (Number.isNaN(local.getTime())) return '';
	const date = `${twoDigits(local.getUTCDate())}/${twoDigits(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
	return `${date} ${twoDigits(local.getUTCHours())}:${twoDigits(local.getUTCMinutes())}`;
}

/** A calendar day as every page shows it: "2025-09-30" (or an ISO time's first ten characters) → "30/09/2025". */
export function formatDay(iso: string): string {
	return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * A stored mark's canonical text ("8.0", "7.5", "Đ", see marks/cell-text) as the grid shows it:
 * "8", "7,5", "Đ"; null (an empty cell) → "". Text that is not a mark (junk left in an old audit
 * row) is shown as it is, never dropped: a reader must see what was recorded.
 */
export function formatStoredMark(text: string | null): string {
	if (text === null) return '';
	const value = markFromText(text);
	if (value === undefined) return text;
	if (value === null) return '';
	return typeof value === 'number' ? formatTenths(value) : value;
}
