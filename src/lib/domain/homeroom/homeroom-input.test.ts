import { describe, expect, it } from 'vitest';
import { parseAbsencesInput, parseConductInput } from './homeroom-input';

describe('H1 conduct input', () => {
	it.each([
		['T', 'Tốt'],
		['tốt', 'Tốt'],
		[' Tot ', 'Tốt'],
		['k', 'Khá'],
		['Khá', 'Khá'],
		['Đ', 'Đạt'],
		['d', 'Đạt'],
		['đạt', 'Đạt'],
		['CĐ', 'Chưa đạt'],
		['cd', 'Chưa đạt'],
		['Chưa  đạt', 'Chưa đạt'],
		['Chưa đạt'.normalize('NFD'), 'Chưa đạt']
	])('H1 %j → %s', (raw, level) => {
		expect(parseConductInput(raw)).toEqual({ ok: true, value: level });
	});

	it('H1 empty input clears the level', () => {
		expect(parseConductInput('  ')).toEqual({ ok: true, value: null });
	});

	it('H1 anything else is refused with a Vietnamese message', () => {
		const result = parseConductInput('Giỏi');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toContain('T (Tốt), K (Khá), Đ (Đạt) hoặc CĐ (Chưa đạt)');
	});
});

describe('H2 absences input', () => {
	it('H2 whole numbers 0…200', () => {
		expect(parseAbsencesInput('0')).toEqual({ ok: true, value: 0 });
		expect(parseAbsencesInput(' 46 ')).toEqual({ ok: true, value: 46 });
		expect(parseAbsencesInput('200')).toEqual({ ok: true, value: 200 });
	});

	it('H2 empty is "not entered", never 0', () => {
		expect(parseAbsencesInput('')).toEqual({ ok: true, value: null });
	});

	it.each(['-1', '2,5', '2.5', 'ba', '1e2', '201'])('H2 %j is refused', (raw) => {
		expect(parseAbsencesInput(raw).ok).toBe(false);
	});

	it('H2 the refusal names the kind of absence', () => {
		const result = parseAbsencesInput('2,5', 'không phép');
		expect(!result.ok && result.message).toBe('Số buổi nghỉ không phép phải là một số nguyên không âm, ví dụ 0 hoặc 3.');
		const over = parseAbsencesInput('250', 'có phép');
		expect(!over.ok && over.message).toBe('Số buổi nghỉ có phép trong một học kì không quá 200.');
	});
});
