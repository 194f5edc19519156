/**
 * Reading a bank statement (fees SPEC FE23–FE27). The server turns the bank's .xlsx or .csv into
 * a grid of cells; this module finds the header by what it says (the exchange module's header
 * matching, CX1–CX2), keeps the credits and reports every line it could not read. Pure.
 */
import { findHeader, headerKey, type ColumnSpec, type MergedRange } from '../exchange/headers';
import { formatIsoDate } from '../identity/calendar-date';
import { cellText, readDate, tidyText, type RawCell } from '../roster/cells';
import { parseDong, type Dong } from './money';

/** One incoming transfer on the school's account. */
export interface Credit {
	/** The bank's own id of the transaction (mã giao dịch / số bút toán / reference no). */
	transactionId: string;
	/** Booking date, ISO "yyyy-mm-dd". */
	bookedAt: string;
	amount: Dong;
	description: string;
	/** Spreadsheet line (1-based) the credit was read from. */
	line: number;
}

export interface StatementProblem {
	line: number;
	message: string;
}

type StatementColumn = 'date' | 'credit' | 'debit' | 'amount' | 'direction' | 'description' | 'transactionId';

/**
 * FE23: the columns and the header texts Vietnamese banks use for them (compared without case,
 * diacritics, spaces or punctuation). Either a credit column or a signed amount column is needed.
 */
export const STATEMENT_COLUMNS: readonly ColumnSpec<StatementColumn>[] = [
	{
		key: 'date',
		label: 'Ngày giao dịch',
		aliases: ['Ngày giao dịch', 'Ngày GD', 'Transaction date', 'Ngày', 'Date', 'Ngày hạch toán', 'Ngày ghi sổ', 'Posting date', 'Ngày hiệu lực', 'Effective date', 'Value date', 'Thời gian giao dịch', 'Thời gian', 'Ngày thực hiện', 'TNX Date', 'Txn date'],
		required: true
	},
	{
		key: 'credit',
		label: 'Số tiền ghi có',
		aliases: ['Số tiền ghi có', 'Ghi có', 'Credit', 'Có', 'Credit amount', 'Số tiền có', 'Phát sinh có', 'PS có', 'Tiền vào', 'Số tiền vào', 'Credits', 'Số tiền ghi có (VND)', 'Credit (VND)']
	},
	{
		key: 'debit',
		label: 'Số tiền ghi nợ',
		aliases: ['Số tiền ghi nợ', 'Ghi nợ', 'Debit', 'Nợ', 'Debit amount', 'Số tiền nợ', 'Phát sinh nợ', 'PS nợ', 'Tiền ra', 'Số tiền ra', 'Debits', 'Số tiền ghi nợ (VND)', 'Debit (VND)']
	},
	{ key: 'amount', label: 'Số tiền', aliases: ['Số tiền', 'Amount', 'Số tiền giao dịch', 'Transaction amount', 'Số tiền (VND)', 'Amount (VND)'] },
	{ key: 'direction', label: 'Loại giao dịch', aliases: ['Loại giao dịch', 'Nợ/Có', 'Dr/Cr', 'C/D', 'D/C', 'Loại', 'Debit/Credit', 'Credit/Debit'] },
	{
		key: 'description',
		label: 'Nội dung',
		aliases: ['Nội dung', 'Diễn giải', 'Description', 'Nội dung giao dịch', 'Nội dung chi tiết', 'Chi tiết giao dịch', 'Transaction details', 'Transaction description', 'Details', 'Remark', 'Remarks', 'Nội dung chuyển khoản', 'Mô tả'],
		required: true
	},
	{
		key: 'transactionId',
		label: 'Mã giao dịch',
		aliases: ['Mã giao dịch', 'Số bút toán', 'Reference No', 'Reference number', 'Ref No', 'Mã GD', 'Số GD', 'Số giao dịch', 'Transaction ID', 'Transaction No', 'Số tham chiếu', 'Mã tham chiếu', 'Số chứng từ', 'Số CT', 'Trace No', 'Số trace', 'FT No'],
		required: true
	}
];

const CREDIT_WORDS = new Set(['c', 'cr', 'co', 'credit', 'ghico']);
const DEBIT_WORDS = new Set(['d', 'dr', 'no', 'debit', 'ghino']);

/** FE24: a booking date: dd/mm/yyyy (or - .), yyyy-mm-dd, optionally followed by a time, or an Excel serial. */
function readBookingDate(cell: RawCell): string | null {
	if (typeof cell === 'number') {
		// Excel date-times are serials with a fraction of a day.
		const read = readDate(Math.floor(cell));
		return read.ok ? formatIsoDate(read.value) : null;
	}
	let text = tidyText(cellText(cell)).text;
	text = text.replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '').trim();
	if (text === '') return null;
	const read = readDate(text);
	return read.ok ? formatIsoDate(read.value) : null;
}

/**
 * FE23–FE27: the credits of a statement grid and what could not be read.
 * - FE23 the header row is the one (within the first 25 rows, up to 4 rows deep; `merges` are the
 *   sheet's merged ranges when the server has them) naming the
 *   most known columns; missing date, description, transaction id, or both credit and amount
 *   columns is a single file problem and no credit is read;
 * - FE24 dates with or without a time, day first;
 * - FE25 amounts read exactly (FE2); a blank or 0 credit cell, a debit row and a negative signed
 *   amount or a row marked as debit are not credits; a fractional or unreadable amount is a problem;
 * - FE26 blank rows and total/balance rows (no date and no transaction id) are skipped silently;
 *   a credit without a transaction id or a readable date is a problem and not a credit;
 * - FE27 a transaction id that Excel stored as a number too large to keep its digits is a problem.
 */
export function readStatement(grid: readonly (readonly RawCell[])[], merges: readonly MergedRange[] = []): { credits: Credit[]; problems: StatementProblem[] } {
	const header = findHeader({ name: 'statement', rows: grid.map((r) => [...r]), merges: [...merges] }, STATEMENT_COLUMNS);
	const cols = header.columns;
	const missing = [...header.missing];
	if (cols.credit === undefined && cols.amount === undefined) missing.push('Số tiền ghi có (hoặc Số tiền)');
	if (missing.length > 0) {
		return {
			credits: [],
			problems: [
				{
					line: header.headerRow + 1,
					message: `Không tìm thấy cột ${missing.join(', ')} trong sao kê. Cần các cột: Ngày giao dịch, Số tiền ghi có, Nội dung, Mã giao dịch (hoặc tên tương đương như "Ngày GD", "Ghi có", "Diễn giải", "Số bút toán").`
				}
			]
		};
	}
	const credits: Credit[] = [];
	const problems: StatementProblem[] = [];
	const at = (row: readonly RawCell[], key: StatementColumn): RawCell => (cols[key] === undefined ? null : (row[cols[key]] ?? null));
	const text = (row: readonly RawCell[], key: StatementColumn) => tidyText(cellText(at(row, key))).text;
	for (let r = header.firstDataRow; r < grid.length; r++) {
		const row = grid[r]!;
		const line = r + 1;
		const dateText = text(row, 'date');
		const idCell = at(row, 'transactionId');
		const idText = text(row, 'transactionId');
		if (dateText === '' && idText === '') continue; // blank, total or closing-balance row
		// Which amount is a credit?
		let raw: RawCell;
		if (cols.credit !== undefined) {
			raw = at(row, 'credit');
			if (text(row, 'credit') === '' || parseDong(typeof raw === 'number' ? raw : text(row, 'credit')) === 0) continue; // a debit line
		} else {
			raw = at(row, 'amount');
			const dirText = text(row, 'direction');
			if (dirText !== '') {
				const dir = headerKey(dirText);
				if (dirText === '-' || DEBIT_WORDS.has(dir)) continue;
				if (dirText !== '+' && !CREDIT_WORDS.has(dir)) {
					problems.push({ line, message: `Dòng ${line}: không rõ là tiền vào hay tiền ra ("${dirText}").` });
					continue;
				}
			}
		}
		const amount = typeof raw === 'number' ? parseDong(raw) : parseDong(tidyText(cellText(raw)).text);
		if (amount === null) {
			problems.push({ line, message: `Dòng ${line}: số tiền "${cellText(raw)}" không phải số nguyên đồng.` });
			continue;
		}
		if (amount < 0) {
			if (cols.credit === undefined) continue; // a signed amount column: negative is money out
			problems.push({ line, message: `Dòng ${line}: số tiền ghi có âm (${cellText(raw)}).` });
			continue;
		}
		if (amount === 0) continue;
		if (idText === '') {
			problems.push({ line, message: `Dòng ${line}: thiếu mã giao dịch, không thể đối soát khoản ${cellText(raw)}.` });
			continue;
		}
		if (typeof idCell === 'number' && !Number.isSafeInteger(idCell)) {
			problems.push({ line, message: `Dòng ${line}: mã giao dịch bị Excel lưu thành số và mất chữ số (${cellText(idCell)}); xuất lại sao kê với cột mã giao dịch dạng văn bản.` });
			continue;
		}
		const bookedAt = readBookingDate(at(row, 'date'));
		if (!bookedAt) {
			problems.push({ line, message: `Dòng ${line}: ngày giao dịch "${dateText}" không đọc được (ngày/tháng/năm).` });
			continue;
		}
		credits.push({ transactionId: idText, bookedAt, amount, description: text(row, 'description'), line });
	}
	return { credits, problems };
}
