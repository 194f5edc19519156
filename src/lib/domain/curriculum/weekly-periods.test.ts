import { describe, expect, it } from 'vitest';
import { GRADES, compulsorySubjects } from './subjects';
import { weeklyPeriodsFor, weeklySplit } from './weekly-periods';

describe('C9 weekly periods per term', () => {
	it('C9 divides evenly where 35 weeks divide the year: Toán 4, NN1 3, GDTC 2, GDCD 1 in both terms', () => {
		expect(weeklyPeriodsFor('toan', 6, 'hk1')).toBe(4);
		expect(weeklyPeriodsFor('toan', 9, 'hk2')).toBe(4);
		expect(weeklyPeriodsFor('ngoai-ngu-1', 7, 'hk2')).toBe(3);
		expect(weeklyPeriodsFor('gdtc', 8, 'hk1')).toBe(2);
		expect(weeklyPeriodsFor('gdcd', 8, 'hk1')).toBe(1);
	});

	it('C9 splits Công nghệ 8–9 (52 periods) as 1 a week in term I and 2 in term II: 18 × 1 + 17 × 2', () => {
		expect(weeklySplit(52)).toEqual({ hk1: 1, hk2: 2 });
		expect(weeklyPeriodsFor('cong-nghe', 8, 'hk1')).toBe(1);
		expect(weeklyPeriodsFor('cong-nghe', 9, 'hk2')).toBe(2);
		expect(weeklyPeriodsFor('cong-nghe', 6, 'hk2')).toBe(1);
	});

	it('C9 every compulsory subject of every grade adds up to its yearly count', () => {
		for (const subject of compulsorySubjects())
			for (const grade of GRADES) {
				const total = 18 * weeklyPeriodsFor(subject, grade, 'hk1') + 17 * weeklyPeriodsFor(subject, grade, 'hk2');
				expect(total, `${subject.code} grade ${grade}`).toBe(subject.periodsPerYear[grade]);
			}
	});

	it('C9 follows the school year calendar and says when no whole split exists', () => {
		expect(weeklySplit(70, { hk1: 17, hk2: 18 })).toEqual({ hk1: 2, hk2: 2 });
		expect(weeklySplit(1)).toBeNull();
		expect(() => weeklyPeriodsFor('toan', 6, 'hk1', { hk1: 18, hk2: 18 })).toThrow(/whole weeks/);
	});
});
