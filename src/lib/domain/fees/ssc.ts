/**
 * The SSC adapter (fees SPEC FE35–FE38): the one place that knows the layout exchanged with the
 * city's school-payment system (SSC). Its real interface is not public, so this is our documented
 * layout (docs/fees.md); when the real format is known, only this module and its tests change.
 * Pure: rows in, rows out; the server writes and reads .csv/.xlsx.
 */
import { findHeader, type ColumnSpec } from '../exchange/headers';
import { formatIsoDate } from '../identity/calendar-date';
import { cellText, readDate, tidyText, type RawCell } from '../roster/cells';
import type { Due } from './dues';
import type { FeeItem } from './items';
import { parseDong, type Dong } from './money';

type DuesColumn = 'no' | 'studentCode' | 'fullName' | 'classCode' | 'itemCode' | 'itemName' | 'period' | 'gross' | 'reduction' | 'amount' | 'reference' | 'dueDate';
type PaymentColumn = 'reference' | 'studentCode' | 'amount' | 'paidAt' | 'transactionId';

/** FE35: the layout, version-tagged. Amounts are plain digits of đồng; dates yyyy-mm-dd. */
export const SSC_LAYOUT = {
	version: 'sodiem-ssc-1',
	dues: [
		{ key: 'no', header: 'STT' },
		{ key: 'studentCode', header: 'Mã học sinh' },
		{ key: 'fullName', header: 'Họ và tên' },
		{ key: 'classCode', header: 'Lớp' },
		{ key: 'itemCode', header: 'Mã khoản thu' },
		{ key: 'itemName', header: 'Tên khoản thu' },
		{ key: 'period', header: 'Kỳ thu' },
		{ key: 'gross', header: 'Số tiền phải thu' },
		{ key: 'reduction', header: 'Số tiền miễn giảm' },
		{ key: 'amount', header: 'Số tiền phải nộp' },
		{ key: 'reference', header: 'Mã thanh toán' },
		{ key: 'dueDate', header: 'Hạn nộp' }
	] as const satisfies readonly { key: DuesColumn; header: string }[],
	payments: [
		{ key: 'reference', label: 'Mã thanh toán', aliases: ['Mã thanh toán', 'Mã tham chiếu', 'Payment reference'] },
		{ key: 'studentCode', label: 'Mã học sinh', aliases: ['Mã học sinh', 'Mã HS', 'Student code'] },
		{ key: 'amount', label: 'Số tiền đã nộp', aliases: ['Số tiền đã nộp', 'Số tiền', 'Đã nộp', 'Amount paid'], required: true },
		{ key: 'paidAt', label: 'Ngày nộp', aliases: ['Ngày nộp', 'Ngày thanh toán', 'Paid at', 'Payment date'], required: true },
		{ key: 'transactionId', label: 'Mã giao dịch', aliases: ['Mã giao dịch', 'Số giao dịch', 'Transaction ID'] }
	] as const satisfies readonly ColumnSpec<PaymentColumn>[]
};

export interface SscStudent {
	id: string;
	/** The student's code (MOET code) known to SSC. */
	code: string;
	fullName: string;
	classCode: string;
}

/** A due as exported: the domain due plus what the server knows about it. */
export type SscDue = Due & { reference?: string; dueDate?: string };

/**
 * FE36: the dues as rows for SSC: the header row, then one row per due in the given order.
 * A due of a student or item not given is refused (the export would be incomplete).
 */
export function sscDuesRows(dues: readonly SscDue[], students: readonly SscStudent[], items: readonly FeeItem[]): string[][] {
	const studentById = new Map(students.map((s) => [s.id, s]));
	const itemByCode = new Map(items.map((i) => [i.code, i]));
	const rows: string[][] = [SSC_LAYOUT.dues.map((c) => c.header)];
	dues.forEach((d, i) => {
		const s = studentById.get(d.studentId);
		const item = itemByCode.get(d.itemCode);
		if (!s) throw new RangeError(`Không có học sinh ${d.studentId} cho khoản phải thu.`);
		if (!item) throw new RangeError(`Không có khoản thu ${d.itemCode}.`);
		const values: Record<DuesColumn, string> = {
			no: String(i + 1),
			studentCode: s.code,
			fullName: s.fullName,
			classCode: s.classCode,
			itemCode: item.code,
			itemName: item.name,
			period: d.period,
			gross: String(d.gross),
			reduction: String(d.reduction),
			amount: String(d.amount),
			reference: d.reference ?? '',
			dueDate: d.dueDate ?? ''
		};
		rows.push(SSC_LAYOUT.dues.map((c) => values[c.key]));
	});
	return rows;
}

export interface SscPayment {
	reference?: string;
	studentCode?: string;
	amount: Dong;
	/** ISO date. */
	paidAt: string;
	transactionId?: string;
	line: number;
}

/**
 * FE37 FE38: the payments SSC reports, found by header text (column order free). Each row needs
 * an amount > 0, a date and a reference or a student code; other rows are problems by line.
 * Blank rows are skipped.
 */
export function readSscPayments(grid: readonly (readonly RawCell[])[]): { payments: SscPayment[]; problems: { line: number; message: string }[] } {
	const header = findHeader({ name: 'ssc', rows: grid.map((r) => [...r]), merges: [] }, SSC_LAYOUT.payments);
	const cols = header.columns;
	const missing = [...header.missing];
	if (cols.reference === undefined && cols.studentCode === undefined) missing.push('Mã thanh toán (hoặc Mã học sinh)');
	if (missing.length > 0) return { payments: [], problems: [{ line: header.headerRow + 1, message: `Tệp SSC thiếu cột ${missing.join(', ')}.` }] };
	const payments: SscPayment[] = [];
	const problems: { line: number; message: string }[] = [];
	const at = (row: readonly RawCell[], key: PaymentColumn): RawCell => (cols[key] === undefined ? null : (row[cols[key]] ?? null));
	const text = (row: readonly RawCell[], key: PaymentColumn) => tidyText(cellText(at(row, key))).text;
	for (let r = header.firstDataRow; r < grid.length; r++) {
		const row = grid[r]!;
		const line = r + 1;
		if ((['reference', 'studentCode', 'amount', 'paidAt', 'transactionId'] as const).every((k) => text(row, k) === '')) continue;
		const amountCell = at(row, 'amount');
		const amount = typeof amountCell === 'number' ? parseDong(amountCell) : parseDong(text(row, 'amount'));
		if (amount === null || amount <= 0) {
			problems.push({ line, message: `Dòng ${line}: số tiền đã nộp "${text(row, 'amount')}" không hợp lệ.` });
			continue;
		}
		const paidCell = at(row, 'paidAt');
		// A date, a date with a time after it, or an Excel serial (fraction of a day ignored).
		const date = readDate(typeof paidCell === 'number' ? Math.floor(paidCell) : text(row, 'paidAt').replace(/[T ]\d{1,2}:\d{2}.*$/, ''));
		if (!date.ok) {
			problems.push({ line, message: `Dòng ${line}: ngày nộp "${text(row, 'paidAt')}" không đọc được.` });
			continue;
		}
		const reference = text(row, 'reference').toUpperCase().replace(/[\s-]/g, '');
		const studentCode = text(row, 'studentCode');
		if (reference === '' && studentCode === '') {
			problems.push({ line, message: `Dòng ${line}: cần mã thanh toán hoặc mã học sinh.` });
			continue;
		}
		const payment: SscPayment = { amount, paidAt: formatIsoDate(date.value), line };
		if (reference) payment.reference = reference;
		if (studentCode) payment.studentCode = studentCode;
		if (text(row, 'transactionId')) payment.transactionId = text(row, 'transactionId');
		payments.push(payment);
	}
	return { payments, problems };
}
