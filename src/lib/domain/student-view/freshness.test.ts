import { describe, expect, it } from 'vitest';
import { freshnessText } from './freshness';

// 2026-11-30 07:05 UTC = 14:05 in Vietnam.
const at = Date.UTC(2026, 10, 30, 7, 5);

describe('PV8 freshness', () => {
	it('says today, yesterday or the date, in Vietnam time', () => {
		expect(freshnessText(at, Date.UTC(2026, 10, 30, 16, 59))).toBe('Cập nhật lúc 14:05 hôm nay');
		// 17:00 UTC is already the next day in Vietnam.
		expect(freshnessText(at, Date.UTC(2026, 10, 30, 17, 0))).toBe('Cập nhật lúc 14:05 hôm qua');
		expect(freshnessText(at, Date.UTC(2026, 11, 2, 1, 0))).toBe('Cập nhật lúc 14:05 ngày 30/11/2026');
	});
});
