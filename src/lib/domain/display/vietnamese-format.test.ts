import { describe, expect, it } from 'vitest';
import { formatTenths } from '../marks/mark-input';
import { markToText } from '../marks/cell-text';
import { formatDay, formatLocalDateTime, formatStoredMark } from './vietnamese-format';

describe('formatLocalDateTime: dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh', () => {
	it('adds seven hours, crossing midnight, month and year ends', () => {
		expect(formatLocalDateTime(new Date('2025-10-03T17:05:00Z'))).toBe('04/10/2025 00:05');
		expect(formatLocalDateTime(new Date('2025-12-31T16:59:59Z'))).toBe('31/12/2025 23:59');
		expect(formatLocalDateTime(new Date('2025-12-31T17:00:00Z'))).toBe('01/01/2026 00:00');
		expect(formatLocalDateTime(new Date('2024-02-28T20:30:00Z'))).toBe('29/02/2024 03:30');
	});

	it('agrees with the platform time-zone database on hours across the year', () => {
		const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
		for (let hour = 0; hour < 24 * 365; hour += 97) {
			const at = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000 + 7 * 60_000);
			expect(formatLocalDateTime(at)).toBe(zone.format(at).replace(',', ''));
		}
	});

	it('takes epoch milliseconds as documents store them', () => {
		expect(formatLocalDateTime(Date.UTC(2025, 9, 3, 17, 5))).toBe('04/10/2025 00:05');
	});

	it('an invalid or out-of-range instant is blank, not "NaN"', () => {
		expect(formatLocalDateTime(new Date('not a date'))).toBe('');
		expect(formatLocalDateTime(Number.NaN)).toBe('');
		expect(formatLocalDateTime(1e20)).toBe('');
	});
});

describe('formatStoredMark: canonical mark text as the grid shows it', () => {
	it('decimal comma, whole numbers without ",0", comment marks and blanks', () => {
		expect(formatStoredMark('8.0')).toBe('8');
		expect(formatStoredMark('7.5')).toBe('7,5');
		expect(formatStoredMark('10.0')).toBe('10');
		expect(formatStoredMark('0.5')).toBe('0,5');
		expect(formatStoredMark('Đ')).toBe('Đ');
		expect(formatStoredMark('CĐ')).toBe('CĐ');
		expect(formatStoredMark(null)).toBe('');
	});

	it('every score reads the same as in the grid', () => {
		for (let tenths = 0; tenths <= 100; tenths++) expect(formatStoredMark(markToText(tenths))).toBe(formatTenths(tenths));
	});

	it('text that is not a mark is shown unchanged', () => {
		expect(formatStoredMark('-3+4')).toBe('-3+4');
		expect(formatStoredMark('12.5')).toBe('12.5');
	});
});

describe('formatDay: a calendar day as dd/MM/yyyy', () => {
	it('reorders an ISO day, and the day part of an ISO time', () => {
		expect(formatDay('2025-09-30')).toBe('30/09/2025');
		expect(formatDay('2026-01-05T08:00:00.000Z')).toBe('05/01/2026');
	});
});
