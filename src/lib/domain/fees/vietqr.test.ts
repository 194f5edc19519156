import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentReference } from './reference';
import { buildPurpose, crc16, foldToAscii, parseVietQr, purposeText, readTlv, tlv, vietQrPayload } from './vietqr';

/**
 * Payloads published by independent VietQR implementations, quoted verbatim from their READMEs.
 * Their CRCs were also recomputed with Python's binascii.crc_hqx(data, 0xFFFF) (CRC-16/CCITT-FALSE).
 */
const PUBLISHED = [
	{
		source: 'github.com/subiz/vietqr README (Go): vietqr.Generate(120000, "970415", "0011001932418", "ủng hộ lũ lụt")',
		input: { bankBin: '970415', accountNumber: '0011001932418', amount: 120_000, purpose: 'ủng hộ lũ lụt' },
		payload: '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C'
	},
	{
		source: 'github.com/liopayvn/vietqr-php README (PHP): QRIBFTBuilder, dynamic, BIN 970436, account 1017595600, 180000, "thanh toan don hang"',
		input: { bankBin: '970436', accountNumber: '1017595600', amount: 180_000, purpose: 'thanh toan don hang' },
		payload: '00020101021238540010A00000072701240006970436011010175956000208QRIBFTTA530370454061800005802VN62230819thanh toan don hang630470FA'
	}
];

describe('VietQR', () => {
	it('FE13 CRC-16/CCITT-FALSE has the catalogue check value 29B1 for "123456789"', () => {
		expect(crc16('123456789')).toBe('29B1');
		expect(crc16('')).toBe('FFFF');
		expect(() => crc16('đ')).toThrow(RangeError);
	});

	for (const example of PUBLISHED) {
		it(`FE14 reproduces a published payload exactly (${example.source})`, () => {
			expect(vietQrPayload(example.input)).toBe(example.payload);
			const parsed = parseVietQr(example.payload);
			expect(parsed.crcValid).toBe(true);
			expect(parsed.bankBin).toBe(example.input.bankBin);
			expect(parsed.accountNumber).toBe(example.input.accountNumber);
			expect(parsed.amount).toBe(example.input.amount);
		});
	}

	it('FE14 FE16 with a merchant category: agrees with a CRC computed by Python binascii.crc_hqx(data, 0xFFFF)', () => {
		// Hand-assembled school example (fictitious account); CRC D79E with field 52, 73C5 without,
		// both computed with Python's standard library, independently of this code.
		const input = { bankBin: '970436', accountNumber: '0123456789', amount: 1_200_000, purpose: 'BANTRU T9 HS0012345' };
		expect(vietQrPayload({ ...input, merchantCategoryCode: '8211' })).toBe(
			'00020101021238540010A00000072701240006970436011001234567890208QRIBFTTA520482115303704540712000005802VN62230819BANTRU T9 HS00123456304D79E'
		);
		expect(vietQrPayload(input).slice(-8)).toBe('630473C5');
	});

	it('FE14 FE16 writes the fields in order with the NAPAS template, dynamic, VND, VN and the CRC last', () => {
		const reference = paymentReference('due-42');
		const payload = vietQrPayload({ bankBin: '970436', accountNumber: '0123456789', amount: 1_200_000, purpose: 'Bán trú T9 HS0012', reference });
		const p = parseVietQr(payload);
		expect(p.fields.map((f) => f.id)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
		expect(p.payloadFormat).toBe('01');
		expect(p.pointOfInitiation).toBe('12');
		expect(p.guid).toBe('A000000727');
		expect(p.bankBin).toBe('970436');
		expect(p.accountNumber).toBe('0123456789');
		expect(p.service).toBe('QRIBFTTA');
		expect(p.currency).toBe('704');
		expect(p.amount).toBe(1_200_000);
		expect(p.country).toBe('VN');
		expect(p.purpose).toBe(`Ban tru T9 ${reference}`);
		expect(p.purpose!.length).toBeLessThanOrEqual(25);
		expect(p.crc).toMatch(/^[0-9A-F]{4}$/);
		expect(p.crcValid).toBe(true);
		expect(payload.slice(-8, -4)).toBe('6304');
		// Nested lengths: 38 holds 00(10) + 01(4+10+4+10) + 02(8)
		expect(readTlv(p.fields[2]!.value).map((f) => [f.id, f.value.length])).toEqual([
			['00', 10],
			['01', 24],
			['02', 8]
		]);
		const withMcc = parseVietQr(vietQrPayload({ bankBin: '970436', accountNumber: '0123456789', amount: 1_200_000, purpose: 'x', merchantCategoryCode: '8211' }));
		expect(withMcc.fields.map((f) => f.id)).toEqual(['00', '01', '38', '52', '53', '54', '58', '62', '63']);
		expect(withMcc.merchantCategoryCode).toBe('8211');
		expect(parseVietQr(vietQrPayload({ bankBin: '970436', accountNumber: '0123456789', amount: 5, purpose: 'x', service: 'card' })).service).toBe('QRIBFTTC');
	});

	it('FE15 folds Vietnamese to ASCII and keeps the reference whole within 25 characters', () => {
		expect(foldToAscii('Đóng tiền ăn bán trú tháng 9 — Nguyễn Thị Ánh')).toBe('Dong tien an ban tru thang 9  Nguyen Thi Anh');
		expect(foldToAscii('Ủy ban Nhân dân đường Hồ Chí Minh')).toBe('Uy ban Nhan dan duong Ho Chi Minh');
		expect(purposeText('  Học phí  HK1/2026–27 ')).toBe('Hoc phi HK1 2026 27');
		const ref = paymentReference('x');
		const long = buildPurpose('Tiền ăn bán trú tháng chín năm học 2026-2027', ref);
		expect(long.length).toBeLessThanOrEqual(25);
		expect(long.endsWith(` ${ref}`)).toBe(true);
		expect(buildPurpose('', ref)).toBe(ref);
		expect(buildPurpose(`BHYT ${ref}`, ref)).toBe(`BHYT ${ref}`);
		expect(buildPurpose('a'.repeat(40))).toHaveLength(25);
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: 1, max: 10 ** 10 }), (purpose, amount) => {
				const payload = vietQrPayload({ bankBin: '970436', accountNumber: '0123456789', amount, purpose, reference: ref });
				expect(/^[\x20-\x7e]+$/.test(payload)).toBe(true);
				const p = parseVietQr(payload);
				expect(p.crcValid).toBe(true);
				expect(p.amount).toBe(amount);
				expect(p.purpose!.length).toBeLessThanOrEqual(25);
				expect(p.purpose!.endsWith(ref)).toBe(true);
			})
		);
	});

	it('FE16 refuses what a bank app would reject: bad BIN, account, amount or MCC', () => {
		const ok = { bankBin: '970436', accountNumber: '0123456789', amount: 100_000, purpose: 'x' };
		expect(() => vietQrPayload({ ...ok, bankBin: '97043' })).toThrow(/BIN/);
		expect(() => vietQrPayload({ ...ok, accountNumber: '0123-456' })).toThrow(/tài khoản/);
		expect(() => vietQrPayload({ ...ok, accountNumber: '1'.repeat(20) })).toThrow(/tài khoản/);
		expect(() => vietQrPayload({ ...ok, amount: 0 })).toThrow(RangeError);
		expect(() => vietQrPayload({ ...ok, amount: 1000.5 })).toThrow(RangeError);
		expect(() => vietQrPayload({ ...ok, merchantCategoryCode: '82' })).toThrow(/MCC/);
		expect(() => vietQrPayload({ ...ok, reference: 'sd-bad' })).toThrow(RangeError);
		expect(() => tlv('1', 'x')).toThrow(RangeError);
		expect(() => tlv('01', 'x'.repeat(100))).toThrow(RangeError);
	});

	it('FE17 parsing detects a tampered amount and a truncated payload', () => {
		const payload = PUBLISHED[1]!.payload;
		const tampered = payload.replace('5406180000', '5406190000');
		expect(parseVietQr(tampered).crcValid).toBe(false);
		expect(parseVietQr(tampered).expectedCrc).not.toBe('70FA');
		expect(() => parseVietQr(payload.slice(0, -3))).toThrow(/hỏng/);
		expect(parseVietQr(payload.slice(0, -8)).crcValid).toBe(false);
	});
});
