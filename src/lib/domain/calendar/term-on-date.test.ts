import { describe, expect, it } from 'vitest';
import { termOnDate } from './term-on-date';

describe('termOnDate', () => {
	it('is term I from the start of the year until 15 January, term II from 16 January', () => {
		expect(termOnDate('2025-2026', { year: 2025, month: 9, day: 5 })).toBe('hk1');
		expect(termOnDate('2025-2026', { year: 2025, month: 12, day: 31 })).toBe('hk1');
		expect(termOnDate('2025-2026', { year: 2026, month: 1, day: 15 })).toBe('hk1');
		expect(termOnDate('2025-2026', { year: 2026, month: 1, day: 16 })).toBe('hk2');
		expect(termOnDate('2025-2026', { year: 2026, month: 5, day: 20 })).toBe('hk2');
	});

	it('clamps dates outside the year: before it term I, after it term II', () => {
		expect(termOnDate('2025-2026', { year: 2024, month: 12, day: 1 })).toBe('hk1');
		expect(termOnDate('2025-2026', { year: 2026, month: 11, day: 30 })).toBe('hk2');
		expect(termOnDate('2025-2026', { year: 2027, month: 1, day: 2 })).toBe('hk2');
	});

	it('treats a year it cannot read as term I', () => {
		expect(termOnDate('năm nay', { year: 2026, month: 3, day: 1 })).toBe('hk1');
	});
});
