import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { attempt, conductYearLevel, levelRank, LEVELS, Tt22Error, type Level } from './index';
import { thrown } from './test-fixtures';

const levelArb = fc.constantFrom<Level>(...LEVELS);

/** docs/domain/tt22.md §6, transcribed row by row: [term II, term I, year]. */
const TABLE: Array<[Level, Level, Level]> = [
	['Tốt', 'Tốt', 'Tốt'],
	['Tốt', 'Khá', 'Tốt'],
	['Tốt', 'Đạt', 'Khá'],
	['Tốt', 'Chưa đạt', 'Khá'],
	['Khá', 'Tốt', 'Khá'],
	['Khá', 'Khá', 'Khá'],
	['Khá', 'Đạt', 'Khá'],
	['Khá', 'Chưa đạt', 'Đạt'],
	['Đạt', 'Tốt', 'Khá'],
	['Đạt', 'Khá', 'Đạt'],
	['Đạt', 'Đạt', 'Đạt'],
	['Đạt', 'Chưa đạt', 'Đạt'],
	['Chưa đạt', 'Tốt', 'Chưa đạt'],
	['Chưa đạt', 'Khá', 'Chưa đạt'],
	['Chưa đạt', 'Đạt', 'Chưa đạt'],
	['Chưa đạt', 'Chưa đạt', 'Chưa đạt']
];

describe('G11 year conduct result (Điều 8)', () => {
	it.each(TABLE)('G11 term II %s, term I %s → %s', (term2, term1, year) => {
		expect(conductYearLevel(term1, term2)).toBe(year);
	});

	it('G11 term I Tốt, term II Đạt → Khá (Ex 11)', () => {
		expect(conductYearLevel('Tốt', 'Đạt')).toBe('Khá');
	});

	it('G11 term I Chưa đạt, term II Tốt → Khá (Ex 11)', () => {
		expect(conductYearLevel('Chưa đạt', 'Tốt')).toBe('Khá');
	});

	it('G11 term I Khá, term II Chưa đạt → Chưa đạt (Ex 11)', () => {
		expect(conductYearLevel('Khá', 'Chưa đạt')).toBe('Chưa đạt');
	});

	it('G11 refuses an invalid level string with INVALID_LEVEL', () => {
		const error = thrown(() => conductYearLevel('Giỏi' as Level, 'Tốt'));
		expect(error).toBeInstanceOf(Tt22Error);
		expect(error).toMatchObject({ code: 'INVALID_LEVEL', message: 'Mức đánh giá phải là Tốt, Khá, Đạt hoặc Chưa đạt' });
		expect(attempt(() => conductYearLevel('Tốt', 'tot' as Level))).toMatchObject({ ok: false, code: 'INVALID_LEVEL', field: 'Rèn luyện HK II' });
	});

	it('G11 accepts NFD-encoded levels', () => {
		expect(conductYearLevel('Tốt'.normalize('NFD') as Level, 'Đạt'.normalize('NFD') as Level)).toBe('Khá');
	});

	it('G11 raising either term never lowers the year result (property)', () => {
		fc.assert(
			fc.property(levelArb, levelArb, levelArb, (term1, term2, other) => {
				const base = levelRank(conductYearLevel(term1, term2));
				if (levelRank(other) >= levelRank(term1)) expect(levelRank(conductYearLevel(other, term2))).toBeGreaterThanOrEqual(base);
				if (levelRank(other) >= levelRank(term2)) expect(levelRank(conductYearLevel(term1, other))).toBeGreaterThanOrEqual(base);
			})
		);
	});

	it('G11 the year is Chưa đạt exactly when term II is, and otherwise within one level of term II (property)', () => {
		fc.assert(
			fc.property(levelArb, levelArb, (term1, term2) => {
				const year = conductYearLevel(term1, term2);
				expect(year === 'Chưa đạt').toBe(term2 === 'Chưa đạt');
				if (term2 !== 'Chưa đạt') expect(Math.abs(levelRank(year) - levelRank(term2))).toBeLessThanOrEqual(1);
			})
		);
	});
});
