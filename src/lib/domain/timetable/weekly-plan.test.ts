import { describe, expect, it } from 'vitest';
import { weeklyPlanFor } from './weekly-plan';

describe('TK10 weekly plan of a class', () => {
	it('TK10 a grade 8 class has 29 programme periods a week in term I and 30 in term II (Công nghệ 1 then 2)', () => {
		const total = (plan: Map<string, number>) => [...plan.values()].reduce((a, b) => a + b, 0);
		expect(total(weeklyPlanFor(8, 'hk1'))).toBe(29);
		expect(total(weeklyPlanFor(8, 'hk2'))).toBe(30);
		expect(weeklyPlanFor(8, 'hk2').get('cong-nghe')).toBe(2);
		expect(weeklyPlanFor(6, 'hk1').get('toan')).toBe(4);
	});

	it("TK10 the school's plan overrides the programme and adds its own periods", () => {
		const plan = weeklyPlanFor(6, 'hk1', new Map([['toan', 5], ['tu-chon-tieng-anh', 2]]));
		expect(plan.get('toan')).toBe(5);
		expect(plan.get('tu-chon-tieng-anh')).toBe(2);
		expect(plan.get('ngu-van')).toBe(4);
	});
});
