/**
 * A civil (calendar) date without time or zone. Identity documents carry dates
 * of birth and issue dates as plain day/month/year, so they are never `Date`s:
 * a `Date` would drag the machine's time zone into a pure comparison.
 */
export interface CalendarDate {
	readonly year: number;
	readonly month: number;
	readonly day: number;
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidCalendarDate(date: CalendarDate): boolean {
	const { year, month, day } = date;
	return (
		Number.isInteger(year) &&
		Number.isInteger(month) &&
		Number.isInteger(day) &&
		year >= 1 &&
		year <= 9999 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month)
	);
}

function validOrNull(year: number, month: number, day: number): CalendarDate | null {
	const date = { year, month, day };
	return isValidCalendarDate(date) ? date : null;
}

/** `DDMMYYYY`, as printed in the card QR (docs/domain/identity.md §2). */
export function parseDdMmYyyy(text: string): CalendarDate | null {
	const m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
	if (!m) return null;
	return validOrNull(Number(m[3]), Number(m[2]), Number(m[1]));
}

/** `YYYY-MM-DD` (ISO 8601 calendar date), used in plain data and the database. */
export function parseIsoDate(text: string): CalendarDate | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return null;
	return validOrNull(Number(m[1]), Number(m[2]), Number(m[3]));
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function formatIsoDate(date: CalendarDate): string {
	return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** `DD/MM/YYYY`, the way dates are written in Vietnamese messages. */
export function formatVietnameseDate(date: CalendarDate): string {
	return `${pad(date.day, 2)}/${pad(date.month, 2)}/${pad(date.year, 4)}`;
}

export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
	return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Completed years of age on `today` (the legal age: "đủ 18 tuổi" means the
 * 18th birthday has passed). Someone born on 29 February turns a year older
 * on 1 March in common years.
 */
export function ageOn(dateOfBirth: CalendarDate, today: CalendarDate): number {
	const hadBirthday =
		today.month > dateOfBirth.month ||
		(today.month === dateOfBirth.month && today.day >= dateOfBirth.day);
	return today.year - dateOfBirth.year - (hadBirthday ? 0 : 1);
}
