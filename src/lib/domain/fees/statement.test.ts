import { describe, expect, it } from 'vitest';
import { readStatement } from './statement';

describe('bank statements', () => {
	it('FE23 finds the header under the bank\'s title rows, whatever the wording (Vietcombank-like layout)', () => {
		const grid = [
			['NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM'],
			['SAO KÊ TÀI KHOẢN', '', '', ''],
			['Số tài khoản: 0123456789'],
			['STT', 'Ngày GD', 'Số bút toán', 'Số tiền ghi nợ', 'Số tiền ghi có', 'Diễn giải'],
			['1', '01/10/2026', 'FT26274001', '', '1.250.000', 'IBFT SDABC NGUYEN VAN AN'],
			['2', '01/10/2026 14:05:33', '5213.22', '300.000', '', 'Phi dich vu'],
			['', '', '', 'Tổng cộng', '1.250.000', ''],
			['', 'Số dư cuối kỳ', '', '', '', '']
		];
		const { credits, problems } = readStatement(grid);
		expect(problems).toEqual([]);
		expect(credits).toEqual([{ transactionId: 'FT26274001', bookedAt: '2026-10-01', amount: 1_250_000, description: 'IBFT SDABC NGUYEN VAN AN', line: 5 }]);
	});

	it('FE23 reads English headers and a signed amount column with a direction (Techcombank/MB-like layouts)', () => {
		const english = readStatement([
			['Transaction date', 'Reference No', 'Debit', 'Credit', 'Description'],
			['2026-10-02 09:00:00', 'TCB001', '', '1,250,000', 'SDX tien an'],
			['2026-10-02', 'TCB002', '50,000', '', 'fee']
		]);
		expect(english.problems).toEqual([]);
		expect(english.credits.map((c) => [c.transactionId, c.bookedAt, c.amount])).toEqual([['TCB001', '2026-10-02', 1_250_000]]);
		const signed = readStatement([
			['Ngày giao dịch', 'Mã giao dịch', 'Số tiền', 'Nợ/Có', 'Nội dung'],
			['03/10/2026', 'MB1', '700000', 'C', 'hs 7910000123 tien an'],
			['03/10/2026', 'MB2', '700000', 'D', 'rut tien'],
			['03/10/2026', 'MB3', '-5000', '', 'phi'],
			['03/10/2026', 'MB4', '+80000', '', 'BHYT'],
			['03/10/2026', 'MB5', '1000', '?', 'la']
		]);
		expect(signed.credits.map((c) => [c.transactionId, c.amount])).toEqual([
			['MB1', 700_000],
			['MB4', 80_000]
		]);
		expect(signed.problems).toEqual([{ line: 6, message: expect.stringContaining('không rõ là tiền vào hay tiền ra') }]);
	});

	it('FE23 reads a two-row header ("Số tiền" over "Nợ" and "Có"), with or without the merged ranges (BIDV/Agribank-like layout)', () => {
		const grid = [
			['Ngày hiệu lực', 'Số tiền', '', 'Số dư', 'Nội dung giao dịch', 'Số tham chiếu'],
			['', 'Nợ', 'Có', '', '', ''],
			['02/10/2026', '', '884.520', '10.884.520', 'BHYT HS 7910000001', 'BIDV77'],
			['02/10/2026', '20.000', '', '10.864.520', 'Phi', 'BIDV78']
		];
		const expected = [{ transactionId: 'BIDV77', bookedAt: '2026-10-02', amount: 884_520, description: 'BHYT HS 7910000001', line: 3 }];
		expect(readStatement(grid)).toEqual({ credits: expected, problems: [] });
		const merges = [
			{ s: { r: 0, c: 1 }, e: { r: 0, c: 2 } },
			{ s: { r: 0, c: 0 }, e: { r: 1, c: 0 } }
		];
		expect(readStatement(grid, merges)).toEqual({ credits: expected, problems: [] });
	});

	it('FE23 names the missing columns and reads nothing', () => {
		const { credits, problems } = readStatement([['Ngày', 'Số tiền ghi có', 'Ghi chú'], ['01/10/2026', '1000', 'x']]);
		expect(credits).toEqual([]);
		expect(problems).toHaveLength(1);
		expect(problems[0]!.message).toContain('Nội dung');
		expect(problems[0]!.message).toContain('Mã giao dịch');
		expect(readStatement([['Ngày', 'Mã giao dịch', 'Nội dung']]).problems[0]!.message).toContain('Số tiền ghi có');
	});

	it('FE24 FE25 reads dates with times, Excel serials and amounts in every common spelling exactly', () => {
		const { credits, problems } = readStatement([
			['Ngày giao dịch', 'Số tiền ghi có', 'Nội dung', 'Mã giao dịch'],
			['5/9/2026', '1.250.000', 'a', 'T1'],
			['2026-09-05T08:30:00+07:00', '1,250,000', 'b', 'T2'],
			[46270.5, 1250000, 'c', 'T3'],
			['05-09-2026', '1 250 000 đ', 'd', 'T4'],
			['05.09.2026', '1.250.000,00', 'e', 'T5']
		]);
		expect(problems).toEqual([]);
		expect(credits.map((c) => c.amount)).toEqual([1_250_000, 1_250_000, 1_250_000, 1_250_000, 1_250_000]);
		expect(credits.map((c) => c.bookedAt)).toEqual(['2026-09-05', '2026-09-05', '2026-09-05', '2026-09-05', '2026-09-05']);
	});

	it('FE25 FE26 FE27 reports unreadable lines by number and keeps reading the rest', () => {
		const { credits, problems } = readStatement([
			['Ngày giao dịch', 'Số tiền ghi có', 'Nội dung', 'Mã giao dịch'],
			['01/10/2026', '1.250,5', 'fraction', 'A1'],
			['31/02/2026', '100.000', 'bad date', 'A2'],
			['01/10/2026', '100.000', 'no id', ''],
			['01/10/2026', '100.000', 'id lost digits', 1.2345678901234567e19],
			['01/10/2026', '-100', 'negative credit', 'A5'],
			['', '', '', ''],
			['01/10/2026', '0', 'zero', 'A6'],
			['01/10/2026', '200.000', 'ok', 'A7']
		]);
		expect(credits.map((c) => c.transactionId)).toEqual(['A7']);
		expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
		expect(problems[0]!.message).toContain('không phải số nguyên đồng');
		expect(problems[1]!.message).toContain('ngày giao dịch');
		expect(problems[2]!.message).toContain('thiếu mã giao dịch');
		expect(problems[3]!.message).toContain('mất chữ số');
		expect(problems[4]!.message).toContain('âm');
	});
});
