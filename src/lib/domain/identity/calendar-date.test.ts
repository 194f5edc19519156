import { describe, expect, it } from 'vitest';
import {
	ageOn,
	compareCalendarDates,
	formatIsoDate,
	formatVietnameseDate,
	isValidCalendarDate,
	parseDdMmYyyy,
	parseIsoDate
} from './calendar-date';

// Supporting module for I4, I6, I10 and I13.
describe('calendar-date', () => {
	it('I10 parses DDMMYYYY and rejects impossible dates', () => {
		expect(parseDdMmYyyy('15031990')).toEqual({ year: 1990, month: 3, day: 15 });
		expect(parseDdMmYyyy('29022012')).toEqual({ year: 2012, month: 2, day: 29 });
		for (const bad of ['29022013', '31041990', '00011990', '15131990', '1503199', '15-03-1990']) {
			expect(parseDdMmYyyy(bad)).toBeNull();
		}
	});

	it('I4 round-trips ISO dates and formats Vietnamese dates', () => {
		expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
		expect(parseIsoDate('1900-02-29')).toBeNull();
		expect(formatIsoDate({ year: 2014, month: 1, day: 5 })).toBe('2014-01-05');
		expect(formatVietnameseDate({ year: 1990, month: 3, day: 15 })).toBe('15/03/1990');
		expect(isValidCalendarDate({ year: 2025, month: 2, day: 28.5 })).toBe(false);
	});

	it('I6 counts completed years, the 29 February birthday on 1 March', () => {
		const dob = { year: 2008, month: 2, day: 29 };
		expect(ageOn(dob, { year: 2026, month: 2, day: 28 })).toBe(17);
		expect(ageOn(dob, { year: 2026, month: 3, day: 1 })).toBe(18);
		expect(ageOn({ year: 1990, month: 3, day: 15 }, { year: 2025, month: 3, day: 15 })).toBe(35);
		expect(compareCalendarDates({ year: 2025, month: 1, day: 2 }, { year: 2025, month: 1, day: 1 })).toBeGreaterThan(0);
	});
});
