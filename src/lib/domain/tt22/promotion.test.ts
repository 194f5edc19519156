import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { attempt, academicLevel, promotion, reassessmentSubjects, Tt22Error, LEVELS, type Level } from './index';
import { comments, scored, thrown } from './test-fixtures';

describe('G13 promotion and summer paths (Điều 12–14)', () => {
	it('G13 44 absences with conduct and academic ≥ Đạt → Lên lớp (Ex 13)', () => {
		expect(promotion({ conduct: 'Khá', academic: 'Khá', absences: 44 })).toBe('Lên lớp');
	});

	it('G13 45 absences is still within the limit → Lên lớp', () => {
		expect(promotion({ conduct: 'Đạt', academic: 'Đạt', absences: 45 })).toBe('Lên lớp');
	});

	it('G13 46 absences → Ở lại lớp whatever the marks (Ex 13)', () => {
		expect(promotion({ conduct: 'Tốt', academic: 'Tốt', absences: 46 })).toBe('Ở lại lớp');
		expect(promotion({ conduct: 'Chưa đạt', academic: 'Chưa đạt', absences: 46 })).toBe('Ở lại lớp');
	});

	it('G13 conduct Chưa đạt → Rèn luyện trong hè, resolved before academic (Ex 11)', () => {
		expect(promotion({ conduct: 'Chưa đạt', academic: 'Tốt', absences: 0 })).toBe('Rèn luyện trong hè');
		expect(promotion({ conduct: 'Chưa đạt', academic: 'Chưa đạt', absences: 0 })).toBe('Rèn luyện trong hè');
	});

	it('G13 conduct ≥ Đạt and academic Chưa đạt → Kiểm tra lại', () => {
		expect(promotion({ conduct: 'Tốt', academic: 'Chưa đạt', absences: 3 })).toBe('Kiểm tra lại');
	});

	it('G13 after the summer programme conduct Đạt goes on to the academic re-assessment (MOET clarification)', () => {
		expect(promotion({ conduct: 'Đạt', academic: 'Chưa đạt', absences: 3, conductProgrammeDone: true })).toBe('Kiểm tra lại');
		expect(promotion({ conduct: 'Chưa đạt', academic: 'Tốt', absences: 3, conductProgrammeDone: true })).toBe('Ở lại lớp');
	});

	it('G13 after the re-assessment: Đạt is promoted, Chưa đạt repeats', () => {
		expect(promotion({ conduct: 'Đạt', academic: 'Đạt', absences: 3, reassessmentDone: true })).toBe('Lên lớp');
		expect(promotion({ conduct: 'Đạt', academic: 'Chưa đạt', absences: 3, reassessmentDone: true })).toBe('Ở lại lớp');
	});

	it('G13 Ex 8 student (adjusted to Đạt), conduct ≥ Đạt, absences ≤ 45 → Lên lớp (Ex 8)', () => {
		const academic = academicLevel([...scored(9, 8.5, 8.5, 8.2, 8, 8, 7, 3.4), ...comments('Đ', 'Đ', 'Đ', 'Đ')]);
		expect(academic).toBe('Đạt');
		expect(promotion({ conduct: 'Đạt', academic, absences: 45 })).toBe('Lên lớp');
	});

	it('G13 refuses negative absences with NEGATIVE_ABSENCES', () => {
		const error = thrown(() => promotion({ conduct: 'Tốt', academic: 'Tốt', absences: -1 }));
		expect(error).toBeInstanceOf(Tt22Error);
		expect(error).toMatchObject({ code: 'NEGATIVE_ABSENCES', message: 'Số buổi nghỉ không được âm' });
	});

	it.each([2.5, NaN, Infinity])('G13 refuses %s absences with INVALID_ABSENCES', (absences) => {
		expect(attempt(() => promotion({ conduct: 'Tốt', academic: 'Tốt', absences }))).toMatchObject({ ok: false, code: 'INVALID_ABSENCES' });
	});

	it('G13 refuses an invalid level string', () => {
		expect(attempt(() => promotion({ conduct: 'Tốt', academic: 'Trung bình' as Level, absences: 0 }))).toMatchObject({
			ok: false,
			code: 'INVALID_LEVEL',
			field: 'Học tập'
		});
	});

	it('G13 the outcome follows the decision order on every input (property)', () => {
		const levelArb = fc.constantFrom<Level>(...LEVELS);
		fc.assert(
			fc.property(levelArb, levelArb, fc.integer({ min: 0, max: 200 }), (conduct, academic, absences) => {
				const outcome = promotion({ conduct, academic, absences });
				if (absences > 45) expect(outcome).toBe('Ở lại lớp');
				else if (conduct === 'Chưa đạt') expect(outcome).toBe('Rèn luyện trong hè');
				else if (academic === 'Chưa đạt') expect(outcome).toBe('Kiểm tra lại');
				else expect(outcome).toBe('Lên lớp');
			})
		);
	});
});

describe('G14 subjects to re-assess (Điều 13)', () => {
	it('G14 comment subjects CĐ and scored subjects below 5.0, by index', () => {
		const subjects = [...scored(9, 4.9, 5, 3.4), ...comments('Đ', 'CĐ')];
		expect(reassessmentSubjects(subjects)).toEqual([1, 3, 5]);
	});

	it('G14 a year average rounded up to exactly 5.0 needs no re-assessment (Ex 5)', () => {
		expect(reassessmentSubjects(scored(5))).toEqual([]);
	});

	it('G14 refuses an invalid subject', () => {
		expect(thrown(() => reassessmentSubjects(scored(4.95)))).toMatchObject({ code: 'TOO_MANY_DECIMALS' });
	});
});
