import { describe, expect, it } from 'vitest';
import { checkNewClass, classKey, classNameAsWritten } from './new-class';

const YEAR_CLASSES = [
	{ code: '6a1', name: '6A1' },
	{ code: '7-2', name: '7/2' }
];

describe('a class a leader adds (roster RI17)', () => {
	it('RI17 reads the name as written: spaces dropped, letters upper-cased, grade first, code derived', () => {
		expect(checkNewClass(' 6 a5 ', YEAR_CLASSES)).toEqual({ ok: true, name: '6A5', code: '6a5', grade: 6 });
		expect(checkNewClass('8/3', YEAR_CLASSES)).toEqual({ ok: true, name: '8/3', code: '8-3', grade: 8 });
		expect(checkNewClass('9.1', YEAR_CLASSES)).toEqual({ ok: true, name: '9.1', code: '9-1', grade: 9 });
		expect(checkNewClass('7A', YEAR_CLASSES)).toEqual({ ok: true, name: '7A', code: '7a', grade: 7 });
	});

	it('RI17 refuses a grade outside lower secondary school, naming it', () => {
		const refused = checkNewClass('10A1', YEAR_CLASSES);
		expect(refused).toMatchObject({ ok: false, message: 'Trường THCS chỉ có các khối 6, 7, 8 và 9; "10A1" là lớp khối 10.' });
		expect(checkNewClass('5A1', YEAR_CLASSES)).toMatchObject({ ok: false, message: expect.stringContaining('lớp khối 5') });
	});

	it('RI17 refuses what is not "grade, then the class within it": blank, no class part, digits run on, other characters, too long', () => {
		expect(checkNewClass('   ', YEAR_CLASSES)).toMatchObject({ ok: false, message: 'Chưa nhập tên lớp.' });
		for (const text of ['6', '61', 'A6', '6Ă1', '6A#', '6A-', '6ABCDEFGHIJ', 'lớp 6A1']) {
			const checked = checkNewClass(text, YEAR_CLASSES);
			expect(checked.ok, text).toBe(false);
			if (!checked.ok) expect(checked.message, text).toContain('không đúng dạng');
		}
	});

	it('RI17 RI7 refuses a class the year has, by name or code, however it is written', () => {
		for (const text of ['6A1', '6a1', '6 A 1']) expect(checkNewClass(text, YEAR_CLASSES)).toMatchObject({ ok: false, message: 'Lớp 6A1 đã có trong năm học này.' });
		// "7.2" has the code of 7/2.
		expect(checkNewClass('7.2', YEAR_CLASSES)).toMatchObject({ ok: false, message: 'Lớp 7/2 đã có trong năm học này.' });
	});

	it('RI17 the name the confirmation shows is the name stored', () => {
		expect(classNameAsWritten(' 6 a5 ')).toBe('6A5');
		expect(checkNewClass(' 6 a5 ', YEAR_CLASSES)).toMatchObject({ name: classNameAsWritten(' 6 a5 ') });
	});

	it('RI7 compares class names without spaces or case', () => {
		expect(classKey(' 6 a1')).toBe(classKey('6A1'));
		expect(classKey('6A1')).not.toBe(classKey('6A2'));
	});
});
