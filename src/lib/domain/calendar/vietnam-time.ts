/**
 * Việt Nam's civil time, whatever the machine's own zone. The country has kept UTC+7 without
 * daylight saving since 1975, so an instant's local date and time are a constant offset away:
 * the same on the server, in any browser and in tests. Every "today" the app decides with (a
 * week's timetable, a term, an age on an ID number, a fee month) comes from here.
 */
import type { CalendarDate } from '../identity/calendar-date';

export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const epochMs = (at: number | Date) => (typeof at === 'number' ? at : at.getTime());

/** The instant shifted to Việt Nam's wall clock: read it with the getUTC… methods. */
export function vietnamWallClock(at: number | Date): Date {
	return new Date(epochMs(at) + VIETNAM_OFFSET_MS);
}

/** Timetable SPEC TK11: the calendar date in Việt Nam of an instant, "YYYY-MM-DD". */
export function vietnamDate(at: number | Date): string {
	return vietnamWallClock(at).toISOString().slice(0, 10);
}

/** The same date as year, month and day. */
export function vietnamToday(at: number | Date): CalendarDate {
	const local = vietnamWallClock(at);
	return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}
