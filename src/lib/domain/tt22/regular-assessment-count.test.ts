import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { regularAssessmentCount, Tt22Error } from './index';
import { thrown } from './test-fixtures';

describe('G3 number of ĐĐGtx per term from periods per year', () => {
	it.each([
		[35, 2, 'GDCD, Tin học, Công nghệ 6–7'],
		[1, 2, 'smallest'],
		[36, 3, 'just above 35'],
		[52, 3, 'Công nghệ 8–9'],
		[70, 3, 'upper bound of the 3-mark band'],
		[71, 4, 'just above 70'],
		[105, 4, 'Ngoại ngữ 1, Lịch sử và Địa lí'],
		[140, 4, 'Toán, Ngữ văn, KHTN']
	])('G3 %s periods/year → %s ĐĐGtx (%s)', (periods, count) => {
		expect(regularAssessmentCount(periods)).toBe(count);
	});

	it.each([0, -35, 35.5, NaN, Infinity])('G3 refuses %s periods with INVALID_PERIOD_COUNT', (periods) => {
		const error = thrown(() => regularAssessmentCount(periods));
		expect(error).toBeInstanceOf(Tt22Error);
		expect(error).toMatchObject({ code: 'INVALID_PERIOD_COUNT' });
	});

	it('G3 the count never decreases as periods grow (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), (periods, extra) => {
				expect(regularAssessmentCount(periods + extra)).toBeGreaterThanOrEqual(regularAssessmentCount(periods));
			})
		);
	});
});
