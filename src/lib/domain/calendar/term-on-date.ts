/**
 * Which term of a school year a date falls in, for telling people where they are (the home page).
 * The Ministry's yearly time frame ends term I in mid-January and each province sets the exact
 * day, which the app does not store: 16 January of the year's second calendar year starts term II.
 * A date before the year counts as term I, after it as term II (the year is still the current one).
 */
import type { Term } from '../access/document-ref';

export function termOnDate(schoolYear: string, date: { year: number; month: number; day: number }): Term {
	const match = /^(\d{4})-(\d{4})$/.exec(schoolYear);
	if (!match) return 'hk1';
	const secondYear = Number(match[2]);
	if (date.year < secondYear) return 'hk1';
	if (date.year > secondYear) return 'hk2';
	return date.month > 1 || date.day >= 16 ? 'hk2' : 'hk1';
}
