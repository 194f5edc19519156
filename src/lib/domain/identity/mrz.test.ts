import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCitizenId, type Sex } from './citizen-id';
import {
	failingTd1CheckDigits,
	mrzCharValue,
	mrzCheckDigit,
	parseVietnameseIdMrz,
	td1CompositeInput,
	toTd1Lines
} from './mrz';
import { PROVINCES } from './province-codes';

// Worked example of docs/domain/identity.md §3.2 (synthetic).
const EXAMPLE = [
	'IDVNM1901234569079190123456<<9',
	'9003152F3003150VNM<<<<<<<<<<<8',
	'NGUYEN<<THI<MAI<<<<<<<<<<<<<<<'
] as const;

// ICAO Doc 9303 Part 5 TD1 specimen.
const ICAO_SPECIMEN = {
	line1: 'I<UTOD231458907<<<<<<<<<<<<<<<',
	line2: '7408122F1204159UTO<<<<<<<<<<<6',
	line3: 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'
};

const yymmdd = (y: number, m: number, d: number) =>
	[y % 100, m, d].map((n) => String(n).padStart(2, '0')).join('');

/** Builds a Vietnamese TD1 with correct check digits, the way the card does. */
function buildVietnameseMrz(o: { id: string; dob: [number, number, number]; sex: 'M' | 'F'; expiry: [number, number, number]; name: string; docNumber?: string }): string[] {
	const doc = o.docNumber ?? o.id.slice(3);
	const line1 = `IDVNM${doc}${mrzCheckDigit(doc)}${o.id}<<${mrzCheckDigit(o.id)}`;
	const dob = yymmdd(...o.dob);
	const exp = yymmdd(...o.expiry);
	const line2NoComposite = `${dob}${mrzCheckDigit(dob)}${o.sex}${exp}${mrzCheckDigit(exp)}VNM${'<'.repeat(11)}`;
	const composite = mrzCheckDigit(td1CompositeInput({ line1, line2: `${line2NoComposite}0`, line3: '' }));
	return [line1, `${line2NoComposite}${composite}`, o.name.padEnd(30, '<')];
}

describe('mrz', () => {
	it('I12 maps characters as ICAO 9303 Part 3 says', () => {
		expect(mrzCharValue('0')).toBe(0);
		expect(mrzCharValue('9')).toBe(9);
		expect(mrzCharValue('A')).toBe(10);
		expect(mrzCharValue('Z')).toBe(35);
		expect(mrzCharValue('<')).toBe(0);
		expect(mrzCharValue('a')).toBeNull();
		expect(mrzCharValue('Đ')).toBeNull();
		expect(mrzCharValue('')).toBeNull();
		expect(mrzCheckDigit('12a')).toBeNull();
	});

	it('I12 reproduces every check digit of the worked example', () => {
		expect(mrzCheckDigit('190123456')).toBe(9);
		expect(mrzCheckDigit('900315')).toBe(2);
		expect(mrzCheckDigit('300315')).toBe(0);
		expect(mrzCheckDigit('079190123456')).toBe(9);
		const lines = { line1: EXAMPLE[0], line2: EXAMPLE[1], line3: EXAMPLE[2] };
		expect(td1CompositeInput(lines)).toBe('1901234569079190123456<<9' + '9003152' + '3003150' + '<<<<<<<<<<<');
		expect(mrzCheckDigit(td1CompositeInput(lines))).toBe(8);
		expect(failingTd1CheckDigits(lines)).toEqual([]);
	});

	it('I12 reproduces the ICAO Part 5 specimen', () => {
		expect(mrzCheckDigit('D23145890')).toBe(7);
		expect(mrzCheckDigit('740812')).toBe(2);
		expect(mrzCheckDigit('120415')).toBe(9);
		expect(mrzCheckDigit(td1CompositeInput(ICAO_SPECIMEN))).toBe(6);
		expect(failingTd1CheckDigits(ICAO_SPECIMEN)).toEqual([]);
	});

	it('I13 parses the worked example', () => {
		expect(parseVietnameseIdMrz(EXAMPLE)).toEqual({
			ok: true,
			data: {
				documentNumber: '190123456',
				citizenId: '079190123456',
				dateOfBirth: { year: 1990, month: 3, day: 15 },
				sex: 'female',
				expiryDate: { year: 2030, month: 3, day: 15 },
				nationality: 'VNM',
				surname: 'NGUYEN',
				givenNames: 'THI MAI'
			},
			warnings: []
		});
	});

	it('I13 accepts OCR text with surrounding whitespace and lower case', () => {
		const text = `\n  ${EXAMPLE[0].toLowerCase()}  \r\n${EXAMPLE[1]}\n${EXAMPLE[2]}\n`;
		expect(parseVietnameseIdMrz(text).ok).toBe(true);
	});

	it('I13 rejects a wrong shape and a non-Vietnamese document', () => {
		expect(parseVietnameseIdMrz(EXAMPLE.slice(0, 2))).toMatchObject({ code: 'wrong-shape' });
		expect(parseVietnameseIdMrz([EXAMPLE[0], EXAMPLE[1], `${EXAMPLE[2]}<`])).toMatchObject({ code: 'wrong-shape' });
		expect(toTd1Lines([EXAMPLE[0], EXAMPLE[1].replace('<', ' '), EXAMPLE[2]])).toBeNull();
		const icao = [ICAO_SPECIMEN.line1, ICAO_SPECIMEN.line2, ICAO_SPECIMEN.line3];
		expect(parseVietnameseIdMrz(icao)).toMatchObject({ code: 'not-vietnamese-id' });
	});

	it('I13 verifies all five check digits', () => {
		const tamper = (line: 0 | 1, pos: number) => {
			const lines: string[] = [...EXAMPLE];
			const text = lines[line] ?? '';
			const ch = text.charAt(pos) === '1' ? '2' : '1';
			lines[line] = text.slice(0, pos) + ch + text.slice(pos + 1);
			return parseVietnameseIdMrz(lines);
		};
		// Every check digit but the composite is itself inside the composite.
		expect(tamper(0, 14)).toMatchObject({ code: 'check-digit', message: 'Sai chữ số kiểm tra của MRZ: số giấy tờ, tổng hợp' });
		expect(tamper(0, 29)).toMatchObject({ code: 'check-digit', message: 'Sai chữ số kiểm tra của MRZ: số định danh, tổng hợp' });
		expect(tamper(1, 6)).toMatchObject({ code: 'check-digit', message: 'Sai chữ số kiểm tra của MRZ: ngày sinh, tổng hợp' });
		expect(tamper(1, 14)).toMatchObject({ code: 'check-digit', message: 'Sai chữ số kiểm tra của MRZ: ngày hết hạn, tổng hợp' });
		expect(tamper(1, 29)).toMatchObject({ code: 'check-digit', message: 'Sai chữ số kiểm tra của MRZ: tổng hợp' });
		// A changed digit of the 12-digit ID or of the document number fails that field's own check.
		expect(tamper(0, 20)).toMatchObject({ code: 'check-digit', message: 'Sai chữ số kiểm tra của MRZ: số định danh, tổng hợp' });
		expect(tamper(0, 10)).toMatchObject({ code: 'check-digit', message: 'Sai chữ số kiểm tra của MRZ: số giấy tờ, tổng hợp' });
	});

	it('I13 requires the document number to be the last 9 digits of the ID', () => {
		const lines = buildVietnameseMrz({ id: '079190123456', docNumber: '190123457', dob: [1990, 3, 15], sex: 'F', expiry: [2030, 3, 15], name: 'NGUYEN<<THI<MAI' });
		expect(parseVietnameseIdMrz(lines)).toMatchObject({ ok: false, code: 'document-number-mismatch' });
	});

	it('I13 requires the birth date to match the ID birth year, and warns on a sex mismatch', () => {
		const wrongYear = buildVietnameseMrz({ id: '079190123456', dob: [1991, 3, 15], sex: 'F', expiry: [2030, 3, 15], name: 'NGUYEN<<THI<MAI' });
		expect(parseVietnameseIdMrz(wrongYear)).toMatchObject({ ok: false, code: 'invalid-date-of-birth' });
		// The sex letter is outside the composite, so the check digits still hold.
		const male = [EXAMPLE[0], EXAMPLE[1].replace('F', 'M'), EXAMPLE[2]];
		const result = parseVietnameseIdMrz(male);
		expect(result.ok && result.warnings.map((w) => w.code)).toEqual(['sex-mismatch']);
	});

	it('I13 takes the birth century from the ID and tolerates an expired card', () => {
		// A girl born 2012; her card expired at 14, in 2026.
		const lines = buildVietnameseMrz({ id: '079312345678', dob: [2012, 2, 29], sex: 'F', expiry: [2026, 2, 28], name: 'TRAN<<NGOC<ANH' });
		expect(parseVietnameseIdMrz(lines)).toMatchObject({
			ok: true,
			data: { dateOfBirth: { year: 2012, month: 2, day: 29 }, expiryDate: { year: 2026, month: 2, day: 28 }, surname: 'TRAN', givenNames: 'NGOC ANH' }
		});
	});

	it('I13 round-trips any card built with correct check digits', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...PROVINCES.map((p) => p.code)),
				fc.constantFrom<Sex>('male', 'female'),
				fc.integer({ min: 1930, max: 2024 }),
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 1, max: 28 }),
				fc.integer({ min: 0, max: 999_999 }),
				fc.integer({ min: 1, max: 60 }),
				(province, sex, year, month, day, serial, validity) => {
					const id = encodeCitizenId({ province, sex, birthYear: year, serial });
					const lines = buildVietnameseMrz({ id, dob: [year, month, day], sex: sex === 'male' ? 'M' : 'F', expiry: [year + validity, month, day], name: 'LE<<VAN<AN' });
					const result = parseVietnameseIdMrz(lines);
					expect(result).toMatchObject({
						ok: true,
						data: { citizenId: id, sex, dateOfBirth: { year, month, day }, expiryDate: { year: year + validity, month, day } },
						warnings: []
					});
				}
			)
		);
	});
});
