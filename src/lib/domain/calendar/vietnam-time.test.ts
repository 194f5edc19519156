import { describe, expect, it } from 'vitest';
import { vietnamDate, vietnamToday, vietnamWallClock } from './vietnam-time';

describe('Việt Nam civil time (UTC+7 all year)', () => {
	it('TK11: the date changes at 17:00 UTC, not at the machine’s midnight', () => {
		expect(vietnamDate(Date.parse('2025-09-07T17:00:00Z'))).toBe('2025-09-08');
		expect(vietnamDate(Date.parse('2025-09-07T16:59:59Z'))).toBe('2025-09-07');
		expect(vietnamDate(new Date('2025-12-31T17:30:00Z'))).toBe('2026-01-01');
	});

	it('gives the same day as year, month and day, from a Date or milliseconds alike', () => {
		expect(vietnamToday(new Date('2026-02-28T17:00:00Z'))).toEqual({ year: 2026, month: 3, day: 1 });
		expect(vietnamToday(Date.parse('2024-02-28T17:00:00Z'))).toEqual({ year: 2024, month: 2, day: 29 });
		expect(vietnamWallClock(Date.parse('2025-10-03T17:05:00Z')).getUTCHours()).toBe(0);
	});
});
