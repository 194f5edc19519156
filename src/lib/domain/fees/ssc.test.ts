import { describe, expect, it } from 'vitest';
import type { FeeItem } from './items';
import { readSscPayments, SSC_LAYOUT, sscDuesRows } from './ssc';

const items: FeeItem[] = [{ code: 'BHYT', name: 'Bảo hiểm y tế học sinh', legalBasis: 'Luật BHYT', period: 'year', rule: { kind: 'fixed', amount: 884_520 }, mandatory: true }];
const students = [{ id: 's1', code: '7910000001', fullName: 'Nguyễn Minh Anh', classCode: '6A1' }];

describe('SSC adapter', () => {
	it('FE35 FE36 exports dues with the documented header and plain-digit amounts', () => {
		const rows = sscDuesRows([{ studentId: 's1', itemCode: 'BHYT', period: 'cn', gross: 884_520, reduction: 884_520, amount: 0, exemptionCategory: 'Hộ nghèo', reference: 'SDABC', dueDate: '2026-10-15' }], students, items);
		expect(SSC_LAYOUT.version).toBe('sodiem-ssc-1');
		expect(rows).toEqual([
			['STT', 'Mã học sinh', 'Họ và tên', 'Lớp', 'Mã khoản thu', 'Tên khoản thu', 'Kỳ thu', 'Số tiền phải thu', 'Số tiền miễn giảm', 'Số tiền phải nộp', 'Mã thanh toán', 'Hạn nộp'],
			['1', '7910000001', 'Nguyễn Minh Anh', '6A1', 'BHYT', 'Bảo hiểm y tế học sinh', 'cn', '884520', '884520', '0', 'SDABC', '2026-10-15']
		]);
		// The export never carries the reason for an exemption.
		expect(rows.flat()).not.toContain('Hộ nghèo');
		expect(() => sscDuesRows([{ studentId: 'zz', itemCode: 'BHYT', period: 'cn', gross: 1, reduction: 0, amount: 1 }], students, items)).toThrow(/học sinh/);
	});

	it('FE37 reads payment status whatever the column order, by reference or student code', () => {
		const { payments, problems } = readSscPayments([
			['Danh sách đã nộp'],
			['Ngày nộp', 'Số tiền đã nộp', 'Mã học sinh', 'Mã thanh toán', 'Mã giao dịch'],
			['15/10/2026', '884.520', '7910000001', 'sd-abc', 'SSC1'],
			[46310, 450000, '7910000002', '', ''],
			['', '', '', '', '']
		]);
		expect(problems).toEqual([]);
		expect(payments).toEqual([
			{ reference: 'SDABC', studentCode: '7910000001', amount: 884_520, paidAt: '2026-10-15', transactionId: 'SSC1', line: 3 },
			{ studentCode: '7910000002', amount: 450_000, paidAt: '2026-10-15', line: 4 }
		]);
	});

	it('FE38 reports rows it cannot read and a file without the needed columns', () => {
		const { payments, problems } = readSscPayments([
			['Mã thanh toán', 'Số tiền đã nộp', 'Ngày nộp'],
			['SD1', 'abc', '15/10/2026'],
			['SD2', '100000', '32/10/2026'],
			['', '100000', '15/10/2026'],
			['SD3', '0', '15/10/2026']
		]);
		expect(payments).toEqual([]);
		expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
		expect(readSscPayments([['Số tiền đã nộp', 'Ngày nộp']]).problems[0]!.message).toContain('Mã thanh toán');
	});
});
