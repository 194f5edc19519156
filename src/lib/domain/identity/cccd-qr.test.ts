import { describe, expect, it } from 'vitest';
import { parseCccdQr } from './cccd-qr';

const TODAY = { year: 2025, month: 9, day: 5 };
// The synthetic example of docs/domain/identity.md §2.
const EXAMPLE =
	'079190123456||NGUYỄN THỊ MAI|15031990|Nữ|12 Đường Số 3, Phường X, Quận Y, TP. Hồ Chí Minh|20042021';

const withField = (index: number, value: string) => {
	const fields = EXAMPLE.split('|');
	fields[index] = value;
	return fields.join('|');
};

describe('cccd-qr', () => {
	it('I10 parses the synthetic example of docs/domain/identity.md §2', () => {
		const result = parseCccdQr(EXAMPLE, { today: TODAY });
		expect(result).toEqual({
			ok: true,
			data: {
				citizenId: '079190123456',
				oldIdNumber: null,
				fullName: 'NGUYỄN THỊ MAI',
				dateOfBirth: { year: 1990, month: 3, day: 15 },
				sex: 'female',
				address: '12 Đường Số 3, Phường X, Quận Y, TP. Hồ Chí Minh',
				issueDate: { year: 2021, month: 4, day: 20 }
			},
			warnings: []
		});
	});

	it('I10 tolerates a trailing CR/LF, extra fields, NFD text and upper-case sex', () => {
		const payload = `${withField(4, 'NỮ'.normalize('NFD')).normalize('NFD')}|extra|fields\r\n`;
		const result = parseCccdQr(payload, { today: TODAY });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.data.sex).toBe('female');
		expect(result.data.fullName).toBe('NGUYỄN THỊ MAI');
		expect(result.data.fullName).toBe(result.data.fullName.normalize('NFC'));
	});

	it('I10 keeps a 9- or 12-digit old CMND and rejects other shapes', () => {
		const nine = parseCccdQr(withField(1, '025123456'), { today: TODAY });
		expect(nine.ok && nine.data.oldIdNumber).toBe('025123456');
		expect(parseCccdQr(withField(1, '12345'), { today: TODAY })).toMatchObject({ ok: false, code: 'invalid-old-id' });
	});

	it('I10 requires at least 7 fields', () => {
		const six = EXAMPLE.split('|').slice(0, 6).join('|');
		expect(parseCccdQr(six, { today: TODAY })).toEqual({
			ok: false,
			code: 'too-few-fields',
			message: 'Mã QR phải có ít nhất 7 trường phân cách bởi dấu |, nhận được 6'
		});
	});

	it('I10 parses dates strictly as DDMMYYYY', () => {
		expect(parseCccdQr(withField(3, '1990-03-15'), { today: TODAY })).toMatchObject({ code: 'invalid-date-of-birth' });
		expect(parseCccdQr(withField(3, '31021990'), { today: TODAY })).toMatchObject({ code: 'invalid-date-of-birth' });
		expect(parseCccdQr(withField(6, '2004202'), { today: TODAY })).toMatchObject({ code: 'invalid-issue-date' });
		expect(parseCccdQr(withField(6, '01012030'), { today: TODAY })).toMatchObject({ code: 'issue-date-out-of-range' });
		expect(parseCccdQr(withField(6, '01011980'), { today: TODAY })).toMatchObject({ code: 'issue-date-out-of-range' });
	});

	it('I10 rejects an unknown sex and a missing name', () => {
		expect(parseCccdQr(withField(4, 'F'), { today: TODAY })).toMatchObject({ code: 'invalid-sex' });
		expect(parseCccdQr(withField(2, '  '), { today: TODAY })).toMatchObject({ code: 'missing-name' });
	});

	it('I16 refuses a name with a bidi control or a zero-width character', () => {
		expect(parseCccdQr(withField(2, 'NGUYỄN\u202E VĂN AN'), { today: TODAY })).toMatchObject({ code: 'hidden-character' });
		expect(parseCccdQr(withField(2, 'NGUYỄN VĂN\u200B AN'), { today: TODAY })).toMatchObject({ code: 'hidden-character' });
	});

	it('I10 validates the ID against the QR date of birth and passes on the cause', () => {
		expect(parseCccdQr(withField(3, '15031985'), { today: TODAY })).toMatchObject({
			ok: false,
			code: 'invalid-citizen-id',
			cause: 'birth-year-mismatch'
		});
		expect(parseCccdQr(withField(0, '003190123456'), { today: TODAY })).toMatchObject({
			ok: false,
			code: 'invalid-citizen-id',
			cause: 'unknown-province',
			message: 'Mã tỉnh 003 không có trong danh mục 63 mã tỉnh, thành phố'
		});
	});

	it('I10 passes an I5 sex mismatch through as a warning', () => {
		const result = parseCccdQr(withField(4, 'Nam'), { today: TODAY });
		expect(result.ok && result.warnings.map((w) => w.code)).toEqual(['sex-mismatch']);
	});

	it('I11 returns no verification status: the QR is only a data-entry aid', () => {
		const result = parseCccdQr(EXAMPLE, { today: TODAY });
		expect(Object.keys(result).sort()).toEqual(['data', 'ok', 'warnings']);
	});
});
