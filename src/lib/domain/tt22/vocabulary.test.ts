import { describe, it, expect } from 'vitest';
import { compareLevels, isAtLeast, LEVELS, levelFromRank, levelRank, MARKS, parseLevel, parseMark, Tt22Error } from './index';
import { thrown } from './test-fixtures';

describe('G15 level and mark vocabulary (NFC strings)', () => {
	it('G15 every level and mark string is NFC', () => {
		for (const text of [...LEVELS, ...MARKS]) expect(text).toBe(text.normalize('NFC'));
	});

	it('G15 levels are ordered Chưa đạt < Đạt < Khá < Tốt', () => {
		expect(LEVELS.map(levelRank)).toEqual([0, 1, 2, 3]);
		expect(LEVELS.map((level) => levelFromRank(levelRank(level)))).toEqual(LEVELS);
		expect(compareLevels('Tốt', 'Khá')).toBeGreaterThan(0);
		expect(isAtLeast('Đạt', 'Đạt')).toBe(true);
		expect(isAtLeast('Chưa đạt', 'Đạt')).toBe(false);
	});

	it('G15 parseLevel normalises NFD input to NFC', () => {
		expect(parseLevel('Chưa đạt'.normalize('NFD'))).toBe('Chưa đạt');
		expect(parseMark('CĐ'.normalize('NFD'))).toBe('CĐ');
	});

	it.each(['Giỏi', 'tốt', 'Tot', '', ' Tốt', 'Trung bình', 7])('G15 parseLevel refuses %j with INVALID_LEVEL', (value) => {
		const error = thrown(() => parseLevel(value));
		expect(error).toBeInstanceOf(Tt22Error);
		expect(error).toMatchObject({ code: 'INVALID_LEVEL' });
	});

	it.each(['D', 'Đạt', 'C', '', null])('G15 parseMark refuses %j with INVALID_MARK', (value) => {
		expect(thrown(() => parseMark(value))).toMatchObject({ code: 'INVALID_MARK' });
	});

	it('G15 Tt22Error is an Error with a name, a code and a field', () => {
		const error = new Tt22Error('MARK_OUT_OF_RANGE', 'Điểm phải từ 0 đến 10', 'ĐĐGck');
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('Tt22Error');
		expect(error.code).toBe('MARK_OUT_OF_RANGE');
		expect(error.field).toBe('ĐĐGck');
	});
});
