import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { attempt, academicLevel, award, awardTenths, Tt22Error, LEVELS, type Level, type Tenths } from './index';
import { comments, scored, thrown } from './test-fixtures';

describe('G12 awards (Điều 15)', () => {
	it('G12 Ex 6 student, conduct Tốt and academic Tốt, no subject at 9.0 → Giỏi (Ex 9)', () => {
		const averages = [8, 8, 8, 8, 8, 8, 6.5, 6.5];
		const academic = academicLevel([...scored(...averages), ...comments('Đ', 'Đ', 'Đ', 'Đ')]);
		expect(academic).toBe('Tốt');
		expect(award({ conduct: 'Tốt', academic, yearAverages: averages })).toBe('Giỏi');
	});

	it('G12 six subjects ≥ 9.0 with conduct and academic Tốt → Xuất sắc (Ex 9)', () => {
		const averages = [9.5, 9.2, 9, 9, 9.1, 9.3, 7, 8];
		const academic = academicLevel([...scored(...averages), ...comments('Đ', 'Đ', 'Đ', 'Đ')]);
		expect(academic).toBe('Tốt');
		expect(award({ conduct: 'Tốt', academic, yearAverages: averages })).toBe('Xuất sắc');
	});

	it('G12 exactly 9.0 counts; 8.9 does not (five ≥ 9.0 → Giỏi)', () => {
		expect(award({ conduct: 'Tốt', academic: 'Tốt', yearAverages: [9, 9, 9, 9, 9, 9, 8, 8] })).toBe('Xuất sắc');
		expect(award({ conduct: 'Tốt', academic: 'Tốt', yearAverages: [9, 9, 9, 9, 9, 8.9, 8, 8] })).toBe('Giỏi');
	});

	it('G12 no award unless both conduct and academic are Tốt', () => {
		const averages = [10, 10, 10, 10, 10, 10, 10, 10];
		expect(award({ conduct: 'Khá', academic: 'Tốt', yearAverages: averages })).toBeNull();
		expect(award({ conduct: 'Tốt', academic: 'Khá', yearAverages: averages })).toBeNull();
		expect(award({ conduct: 'Đạt', academic: 'Chưa đạt', yearAverages: averages })).toBeNull();
	});

	it('G12 the tenths variant agrees (Ex 9)', () => {
		const averages = [95, 92, 90, 90, 91, 93, 70, 80] as Tenths[];
		expect(awardTenths({ conduct: 'Tốt', academic: 'Tốt', yearAverages: averages })).toBe('Xuất sắc');
	});

	it('G12 refuses an invalid level, an unrounded average and a missing average', () => {
		const error = thrown(() => award({ conduct: 'Giỏi' as Level, academic: 'Tốt', yearAverages: [] }));
		expect(error).toBeInstanceOf(Tt22Error);
		expect(error).toMatchObject({ code: 'INVALID_LEVEL' });
		expect(attempt(() => award({ conduct: 'Tốt', academic: 'Tốt', yearAverages: [9.05] }))).toMatchObject({ ok: false, code: 'TOO_MANY_DECIMALS' });
		expect(attempt(() => award({ conduct: 'Tốt', academic: 'Tốt', yearAverages: [9, null as unknown as number] }))).toMatchObject({
			ok: false,
			code: 'MISSING_MARK'
		});
	});

	it('G12 raising a year average never removes an award (property)', () => {
		const levelArb = fc.constantFrom<Level>(...LEVELS);
		const rank = (result: ReturnType<typeof award>) => (result === 'Xuất sắc' ? 2 : result === 'Giỏi' ? 1 : 0);
		fc.assert(
			fc.property(
				levelArb,
				levelArb,
				fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(89, 90)), { minLength: 1, maxLength: 10 }),
				fc.nat(),
				(conduct, academic, tenths, seed) => {
					const averages = tenths.map((t) => t / 10);
					const raised = [...averages];
					raised[seed % raised.length] = 10;
					expect(rank(award({ conduct, academic, yearAverages: raised }))).toBeGreaterThanOrEqual(
						rank(award({ conduct, academic, yearAverages: averages }))
					);
				}
			)
		);
	});
});
