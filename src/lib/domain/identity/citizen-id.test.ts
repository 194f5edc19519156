import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from './calendar-date';
import {
	decodeCitizenId,
	encodeCitizenId,
	isCitizenId,
	maskCitizenId,
	normaliseCitizenIdInput,
	validateCitizenId,
	type CitizenId,
	type Sex
} from './citizen-id';
import { PROVINCES, provinceByCode } from './province-codes';

const TODAY: CalendarDate = { year: 2025, month: 9, day: 5 };
const MAI = '079190123456';
const MAI_DOB: CalendarDate = { year: 1990, month: 3, day: 15 };

function expectError(result: ReturnType<typeof validateCitizenId>, code: string) {
	expect(result.ok).toBe(false);
	if (!result.ok) expect(result.code).toBe(code);
	return result;
}

describe('citizen-id', () => {
	it('I1 strips surrounding whitespace, inner spaces and dots', () => {
		expect(normaliseCitizenIdInput(' 079.190 123\t456 ')).toBe(MAI);
		const result = decodeCitizenId(' 079.190.123.456 ');
		expect(result.ok && result.id).toBe(MAI);
	});

	it('I1 rejects anything but exactly 12 ASCII digits, in Vietnamese', () => {
		for (const bad of ['07919012345', '0791901234567', '07919012345a', '', '０７９１９０１２３４５６', '079-190-123456']) {
			const result = decodeCitizenId(bad);
			expect(result).toEqual({
				ok: false,
				code: 'not-12-digits',
				message: 'Số định danh phải gồm đúng 12 chữ số'
			});
		}
	});

	it('I2 has the 63 province codes of the annex, 002 = Hà Giang and 079 = TP. Hồ Chí Minh', () => {
		expect(PROVINCES).toHaveLength(63);
		expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(63);
		for (const p of PROVINCES) {
			expect(p.code).toMatch(/^0\d\d$/);
			expect(p.name).toBe(p.name.normalize('NFC'));
		}
		expect(provinceByCode('002')?.name).toBe('Hà Giang');
		expect(provinceByCode('079')?.name).toBe('TP. Hồ Chí Minh');
		expect(provinceByCode('001')?.name).toBe('Hà Nội');
		expect(provinceByCode('096')?.name).toBe('Cà Mau');
		expect(provinceByCode('003')).toBeUndefined();
	});

	it('I2 rejects a code outside the table', () => {
		const result = decodeCitizenId('003190123456');
		expect(result).toEqual({
			ok: false,
			code: 'unknown-province',
			message: 'Mã tỉnh 003 không có trong danh mục 63 mã tỉnh, thành phố'
		});
	});

	it('I3 decodes the worked examples', () => {
		const mai = decodeCitizenId(MAI);
		expect(mai).toMatchObject({ ok: true, sex: 'female', birthYear: 1990 });
		expect(mai.ok && mai.province.name).toBe('TP. Hồ Chí Minh');
		expect(decodeCitizenId('079312345678')).toMatchObject({ ok: true, sex: 'female', birthYear: 2012 });
	});

	it('I3 maps every century/sex digit', () => {
		const expected: [string, number, Sex][] = [
			['0', 1900, 'male'], ['1', 1900, 'female'],
			['2', 2000, 'male'], ['3', 2000, 'female'],
			['4', 2100, 'male'], ['5', 2100, 'female'],
			['6', 2200, 'male'], ['7', 2200, 'female'],
			['8', 2300, 'male'], ['9', 2300, 'female']
		];
		for (const [digit, base, sex] of expected) {
			expect(decodeCitizenId(`001${digit}07000001`)).toMatchObject({ ok: true, birthYear: base + 7, sex });
		}
	});

	it('I4 rejects a birth year after today', () => {
		const result = expectError(validateCitizenId('079330000001', { today: TODAY }), 'birth-year-in-future');
		expect(!result.ok && result.message).toBe('Số định danh cho năm sinh 2030, sau năm hiện tại 2025');
		expect(validateCitizenId('079225000001', { today: TODAY }).ok).toBe(true);
	});

	it('I4 requires the declared date of birth to be valid, past and in the same year', () => {
		const mismatch = expectError(
			validateCitizenId('079312345678', { today: TODAY, dateOfBirth: { year: 1985, month: 6, day: 1 } }),
			'birth-year-mismatch'
		);
		expect(!mismatch.ok && mismatch.message).toBe(
			'Năm sinh trong số định danh (2012) không khớp với ngày sinh đã khai (01/06/1985)'
		);
		expectError(
			validateCitizenId(MAI, { today: TODAY, dateOfBirth: { year: 1990, month: 2, day: 30 } }),
			'invalid-date-of-birth'
		);
		expectError(
			validateCitizenId('079225000001', { today: TODAY, dateOfBirth: { year: 2025, month: 12, day: 1 } }),
			'date-of-birth-in-future'
		);
	});

	it('I4–I6 accept the worked example parent (Nguyễn Thị Mai, female, 15/03/1990)', () => {
		const result = validateCitizenId(MAI, { today: TODAY, dateOfBirth: MAI_DOB, sex: 'female', role: 'guardian' });
		expect(result).toMatchObject({ ok: true, id: MAI, sex: 'female', birthYear: 1990, warnings: [] });
	});

	it('I5 reports a sex mismatch as a warning, not an error', () => {
		const result = validateCitizenId(MAI, { today: TODAY, dateOfBirth: MAI_DOB, sex: 'male' });
		expect(result.ok).toBe(true);
		expect(result.ok && result.warnings.map((w) => w.code)).toEqual(['sex-mismatch']);
		expect(result.ok && result.warnings[0]?.message).toContain('(nữ)');
	});

	it('I6 rejects a guardian whose number says born 2012', () => {
		const result = expectError(validateCitizenId('079312345678', { today: TODAY, role: 'guardian' }), 'under-18');
		expect(!result.ok && result.message).toBe(
			'Cha mẹ hoặc người giám hộ phải đủ 18 tuổi; số định danh cho năm sinh 2012'
		);
		expectError(validateCitizenId('079312345678', { today: TODAY, role: 'staff' }), 'under-18');
	});

	it('I6 uses the exact age when the date of birth is known, and warns when only the year is', () => {
		const id = encodeCitizenId({ province: '079', sex: 'male', birthYear: 2007, serial: 1 });
		const onlyYear = validateCitizenId(id, { today: TODAY, role: 'guardian' });
		expect(onlyYear.ok && onlyYear.warnings.map((w) => w.code)).toEqual(['may-be-under-18']);
		expectError(
			validateCitizenId(id, { today: TODAY, role: 'guardian', dateOfBirth: { year: 2007, month: 9, day: 6 } }),
			'under-18'
		);
		const birthdayToday = validateCitizenId(id, {
			today: TODAY,
			role: 'guardian',
			dateOfBirth: { year: 2007, month: 9, day: 5 }
		});
		expect(birthdayToday).toMatchObject({ ok: true, warnings: [] });
	});

	it('I6 warns (only) when a student is outside 11–15 by birth year', () => {
		expect(validateCitizenId('079312345678', { today: TODAY, role: 'student' })).toMatchObject({ ok: true, warnings: [] });
		for (const year of [2010, 2014]) {
			const id = encodeCitizenId({ province: '079', sex: 'male', birthYear: year, serial: 7 });
			expect(validateCitizenId(id, { today: TODAY, role: 'student' })).toMatchObject({ ok: true, warnings: [] });
		}
		const adult = validateCitizenId(MAI, { today: TODAY, role: 'student' });
		expect(adult.ok && adult.warnings.map((w) => w.code)).toEqual(['student-age-unusual']);
		expect(adult.ok && adult.warnings[0]?.message).toBe(
			'Học sinh THCS thường từ 11 đến 15 tuổi; số định danh cho năm sinh 1990 (35 tuổi tính theo năm sinh)'
		);
	});

	it('I7 has no check digit: every 6-digit sequence is accepted', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 999_999 }), (serial) => {
				const id = `079190${String(serial).padStart(6, '0')}`;
				expect(decodeCitizenId(id).ok).toBe(true);
			})
		);
	});

	it('I8 masks all but the first 4 and last 2 digits', () => {
		expect(maskCitizenId(MAI as CitizenId)).toBe('0791******56');
		expect(maskCitizenId('079012345612' as CitizenId)).toBe('0790******12');
	});

	it('I9 encode and decode are inverse for every province, sex, year and serial', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...PROVINCES.map((p) => p.code)),
				fc.constantFrom<Sex>('male', 'female'),
				fc.integer({ min: 1900, max: 2399 }),
				fc.integer({ min: 0, max: 999_999 }),
				(province, sex, birthYear, serial) => {
					const id = encodeCitizenId({ province, sex, birthYear, serial });
					expect(isCitizenId(id)).toBe(true);
					expect(decodeCitizenId(id)).toMatchObject({ ok: true, id, sex, birthYear, province: { code: province } });
					expect(Number(id.slice(6))).toBe(serial);
				}
			)
		);
	});

	it('I9 refuses impossible parts', () => {
		expect(() => encodeCitizenId({ province: '079', sex: 'male', birthYear: 1899, serial: 1 })).toThrow(RangeError);
		expect(() => encodeCitizenId({ province: '079', sex: 'male', birthYear: 2000, serial: 1_000_000 })).toThrow(RangeError);
		expect(() => encodeCitizenId({ province: '003' as '001', sex: 'male', birthYear: 2000, serial: 1 })).toThrow(RangeError);
	});

	it('I1 isCitizenId accepts only the normalised form', () => {
		expect(isCitizenId(MAI)).toBe(true);
		expect(isCitizenId(' 079190123456')).toBe(false);
		expect(isCitizenId('003190123456')).toBe(false);
	});
});
