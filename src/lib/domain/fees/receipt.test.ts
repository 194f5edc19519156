import { hmac } from '@oslojs/crypto/hmac';
import { SHA256, sha256 } from '@oslojs/crypto/sha2';
import { describe, expect, it } from 'vitest';
import { amountInWords, canonicalReceipt, eInvoiceData, missingEInvoiceFields, receiptNumber, verificationCode, type ReceiptFields } from './receipt';

const fields: ReceiptFields = {
	receiptNumber: 'BL-THCSND-2026-000001',
	schoolCode: 'THCSND',
	studentCode: '7910000001',
	payerName: 'Trần Thị Bình',
	paidAt: '2026-10-01',
	total: 1_584_520,
	lines: [
		{ itemCode: 'BANTRU', name: 'Tiền ăn bán trú', period: '2026-09', amount: 700_000 },
		{ itemCode: 'BHYT', name: 'Bảo hiểm y tế học sinh', period: 'cn', amount: 884_520 }
	],
	bankReference: 'FT26274001'
};
const key = new TextEncoder().encode('khóa bí mật của trường — chỉ để thử');

describe('receipts', () => {
	it('FE39 numbers receipts per school and year', () => {
		expect(receiptNumber('THCSND', 2026, 1)).toBe('BL-THCSND-2026-000001');
		expect(receiptNumber('THCSND', 2026, 1_234_567)).toBe('BL-THCSND-2026-1234567');
		expect(() => receiptNumber('thcs nd', 2026, 1)).toThrow(RangeError);
		expect(() => receiptNumber('THCSND', 2026, 0)).toThrow(RangeError);
	});

	it('FE40 the verification code is HMAC-SHA256 of the canonical receipt, changes with any field, and accepts a digest function', () => {
		const code = verificationCode(fields, key);
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
		expect(verificationCode(fields, key)).toBe(code);
		expect(verificationCode({ ...fields, paidAt: '2026-10-02' }, key)).not.toBe(code);
		expect(verificationCode({ ...fields, lines: [{ ...fields.lines[0]!, amount: 700_001 }, { ...fields.lines[1]!, amount: 884_519 }] }, key)).not.toBe(code);
		expect(verificationCode(fields, new TextEncoder().encode('another key'))).not.toBe(code);
		expect(verificationCode(fields, (m) => hmac(SHA256, key, m))).toBe(code);
		const unkeyed = verificationCode(fields);
		expect(unkeyed).not.toBe(code);
		expect(unkeyed).toBe(verificationCode(fields, (m) => sha256(m)));
		expect(canonicalReceipt(fields).split('\n')).toContain('BHYT:cn:884520');
		expect(() => verificationCode({ ...fields, total: 1 }, key)).toThrow(/Tổng/);
	});

	it('FE41 reads amounts in Vietnamese words', () => {
		const cases: [number, string][] = [
			[0, 'Không đồng'],
			[5, 'Năm đồng'],
			[15, 'Mười lăm đồng'],
			[21, 'Hai mươi mốt đồng'],
			[105, 'Một trăm lẻ năm đồng'],
			[10_000, 'Mười nghìn đồng'],
			[884_520, 'Tám trăm tám mươi tư nghìn năm trăm hai mươi đồng'],
			[1_005_000, 'Một triệu không trăm lẻ năm nghìn đồng'],
			[1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
			[2_000_000_015, 'Hai tỷ không trăm mười lăm đồng'],
			[1_000_000_000_000, 'Một nghìn tỷ đồng']
		];
		for (const [n, words] of cases) expect(amountInWords(n), String(n)).toBe(words);
	});

	it('FE42 FE43 builds the e-invoice record (no VAT, total in words) and lists missing required fields', () => {
		const code = verificationCode(fields, key);
		const data = eInvoiceData({
			school: { name: 'Trường THCS Nguyễn Du', taxCode: '0301234567', address: '1 Lê Lợi, Quận 1, TP.HCM' },
			payer: { name: 'Trần Thị Bình' },
			student: { name: 'Nguyễn Minh Anh', code: '7910000001', className: '6A1' },
			receipt: fields,
			verificationCode: code
		});
		expect(data.lines).toEqual([
			{ no: 1, name: 'Tiền ăn bán trú', period: '2026-09', unit: 'khoản', quantity: 1, unitPrice: 700_000, amount: 700_000, vatRate: 'KCT' },
			{ no: 2, name: 'Bảo hiểm y tế học sinh', period: 'cn', unit: 'khoản', quantity: 1, unitPrice: 884_520, amount: 884_520, vatRate: 'KCT' }
		]);
		expect(data).toMatchObject({ total: 1_584_520, vatAmount: 0, vatRate: 'KCT', totalInWords: 'Một triệu năm trăm tám mươi tư nghìn năm trăm hai mươi đồng', paymentMethod: 'CK', bankReference: 'FT26274001', verificationCode: code });
		expect(data.provider).toBeUndefined();
		expect(missingEInvoiceFields(data)).toEqual([]);
		expect(missingEInvoiceFields({ ...data, seller: { ...data.seller, taxCode: '12' } })).toEqual(['Mã số thuế của trường (10 chữ số, hoặc 10-3)']);
	});
});
