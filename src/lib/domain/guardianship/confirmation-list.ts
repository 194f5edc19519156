/**
 * The police confirmation list (guardianship SPEC GV8; format in docs/guardian-verification.md):
 * one row per guardian ↔ student link the police checked against the national population
 * database, read from .xlsx or .csv into entries the server matches by personal ID hash.
 */
import { nameMatchKey } from '../identity/vietnamese-name';
import { decodeCitizenId } from '../identity/citizen-id';
import { cellText, readDate, readPersonalIdDigits, tidyText, type RawCell } from '../roster/cells';
import { formatIsoDate } from '../identity/calendar-date';

export const CONFIRMATION_COLUMNS = [
	{ key: 'guardianId', header: 'Số định danh người giám hộ' },
	{ key: 'guardianName', header: 'Họ và tên người giám hộ' },
	{ key: 'studentId', header: 'Số định danh học sinh' },
	{ key: 'studentName', header: 'Họ và tên học sinh' },
	{ key: 'result', header: 'Kết quả xác nhận' },
	{ key: 'document', header: 'Số văn bản' },
	{ key: 'confirmedOn', header: 'Ngày xác nhận' }
] as const;

type Key = (typeof CONFIRMATION_COLUMNS)[number]['key'];

export interface ConfirmationEntry {
	line: number;
	guardianId: string;
	studentId: string;
	guardianName: string;
	studentName: string;
	confirmed: boolean;
	/** "Số văn bản, ngày" as recorded as evidence. */
	evidence: string;
}

export type ConfirmationRow = { ok: true; entry: ConfirmationEntry } | { ok: false; line: number; message: string };

const headerKey = (text: string) => nameMatchKey(text).replace(/[^\p{L}\p{N}]/gu, '');

/** Which column each header names; null when a column is missing. */
export function mapConfirmationHeader(header: readonly string[]): Array<Key | null> | null {
	const byHeader = new Map<string, Key>(CONFIRMATION_COLUMNS.map((c) => [headerKey(c.header), c.key]));
	const columns = header.map((h) => byHeader.get(headerKey(h)) ?? null);
	return CONFIRMATION_COLUMNS.every((c) => columns.includes(c.key)) ? columns : null;
}

const CONFIRMED = new Set(['xác nhận', 'đúng', 'khớp', 'có']);
const DENIED = new Set(['không xác nhận', 'không đúng', 'không khớp', 'không']);

export function readConfirmationRow(line: number, cells: Partial<Record<Key, RawCell>>): ConfirmationRow {
	const id = (key: 'guardianId' | 'studentId') => {
		const digits = readPersonalIdDigits(cells[key] ?? null);
		const value = digits.ok ? digits.value : null;
		return value && decodeCitizenId(value).ok ? value : null;
	};
	const guardianId = id('guardianId');
	const studentId = id('studentId');
	if (!guardianId || !studentId) return { ok: false, line, message: 'Số định danh người giám hộ hoặc học sinh không hợp lệ.' };
	const result = tidyText(cellText(cells.result ?? null)).text.toLocaleLowerCase('vi');
	if (!CONFIRMED.has(result) && !DENIED.has(result)) return { ok: false, line, message: `Kết quả "${result}" không hiểu được: ghi "Xác nhận" hoặc "Không xác nhận".` };
	const document = tidyText(cellText(cells.document ?? null)).text;
	if (document === '') return { ok: false, line, message: 'Thiếu số văn bản.' };
	const date = readDate(cells.confirmedOn ?? null);
	if (!date.ok) return { ok: false, line, message: `Ngày xác nhận: ${date.message}` };
	const [y, m, d] = formatIsoDate(date.value).split('-');
	return {
		ok: true,
		entry: {
			line,
			guardianId,
			studentId,
			guardianName: tidyText(cellText(cells.guardianName ?? null)).text,
			studentName: tidyText(cellText(cells.studentName ?? null)).text,
			confirmed: CONFIRMED.has(result),
			evidence: `Văn bản ${document} ngày ${d}/${m}/${y}`
		}
	};
}
