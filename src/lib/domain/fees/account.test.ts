import { describe, expect, it } from 'vitest';
import { normaliseAccountName, readCollectionAccount, samplePayload } from './account';
import { parseVietQr } from './vietqr';

describe('the collection account', () => {
	it('FE47 reads a typed account: spaces and dots dropped, the name as banks show it, the bank named from its BIN', () => {
		const read = readCollectionAccount({ bankBin: ' 970436 ', bankName: '', accountNumber: '0123 456.789', accountName: 'Trường THCS  Nguyễn Đình Chiểu', taxCode: '0301234567', address: 'Quận 1' });
		expect(read).toEqual({ ok: true, account: { bankBin: '970436', bankName: 'Vietcombank', accountNumber: '0123456789', accountName: 'TRUONG THCS NGUYEN DINH CHIEU', taxCode: '0301234567', address: 'Quận 1' } });
		expect(normaliseAccountName('Đỗ Thị Ánh')).toBe('DO THI ANH');
		// A known BIN names its bank even when another name was left in the field.
		expect(readCollectionAccount({ bankBin: '970415', bankName: 'Ngân hàng cũ', accountNumber: '1', accountName: 'TRUONG' })).toMatchObject({ account: { bankName: 'VietinBank' } });
	});

	it('FE47 refuses a bad BIN, account number, name or tax code, naming each problem', () => {
		const read = readCollectionAccount({ bankBin: '97043', accountNumber: '0123456789012345678901', accountName: '  ', taxCode: '12345' });
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.problems).toHaveLength(5);
		expect(read.problems.join(' ')).toMatch(/BIN.*Nhập tên ngân hàng.*Số tài khoản.*chủ tài khoản.*Mã số thuế/);
		// An unlisted BIN is accepted with the bank name typed.
		expect(readCollectionAccount({ bankBin: '546034', bankName: 'CAKE', accountNumber: '1', accountName: 'TRUONG' }).ok).toBe(true);
		expect(readCollectionAccount({ bankBin: '546034', accountNumber: '1', accountName: 'TRUONG' }).ok).toBe(false);
		expect(readCollectionAccount({ bankBin: '970436', accountNumber: '1', accountName: 'TRUONG', taxCode: '0301234567-001' }).ok).toBe(true);
	});

	it('FE47 the sample payload pays 10.000 đ to the account, with a valid CRC', () => {
		const parsed = parseVietQr(samplePayload({ bankBin: '970436', accountNumber: '0123456789' }));
		expect(parsed).toMatchObject({ bankBin: '970436', accountNumber: '0123456789', amount: 10_000, purpose: 'KIEM TRA TAI KHOAN', crcValid: true });
	});
});
