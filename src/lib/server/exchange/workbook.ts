/**
 * Reads a workbook exported from the education database — .xls (BIFF, what its pages still
 * download) or .xlsx — into the pure grids the header matcher reads (exchange SPEC CX1–CX3).
 * SheetJS (`@e965/xlsx`) reads both formats; exceljs, used elsewhere, reads .xlsx only. Cells keep
 * what the file stored: numbers stay numbers, a number formatted as a date becomes a date.
 */
import * as XLSX from '@e965/xlsx';
import type { SheetGrid } from '../../domain/exchange/headers';
import type { RawCell } from '../../domain/roster/cells';

export const MAX_EXCHANGE_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 10_000;
const MAX_COLUMNS = 200;

export type WorkbookRead = { ok: true; sheets: SheetGrid[] } | { ok: false; message: string; fix: string };

const REFUSED = { ok: false as const, message: 'Không đọc được tệp.', fix: 'Tải lại tệp Excel (.xls hoặc .xlsx) từ CSDL ngành rồi chọn lại; đừng đổi đuôi tệp.' };

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;
const isCompoundDocument = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

function cellValue(cell: XLSX.CellObject | undefined): RawCell {
	if (!cell || cell.v === undefined || cell.v === null || cell.t === 'e' || cell.t === 'z') return null;
	if (cell.t === 'n' && typeof cell.v === 'number') {
		if (cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
			const d = XLSX.SSF.parse_date_code(cell.v) as { y: number; m: number; d: number } | null;
			if (d) return { date: `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}` };
		}
		return cell.v;
	}
	if (cell.t === 'd' && cell.v instanceof Date) return { date: cell.v.toISOString().slice(0, 10) };
	return String(cell.v);
}

/** Every sheet of the workbook as a grid with its merged ranges. */
export function readWorkbook(bytes: Uint8Array): WorkbookRead {
	if (bytes.byteLength > MAX_EXCHANGE_BYTES) return { ok: false, message: 'Tệp lớn hơn 10 MB.', fix: 'Tải danh sách theo từng khối lớp rồi nhập từng tệp.' };
	if (!isZip(bytes) && !isCompoundDocument(bytes)) return REFUSED;
	let workbook: XLSX.WorkBook;
	try {
		workbook = XLSX.read(bytes, { type: 'array', cellDates: false, cellFormula: false, cellHTML: false, dense: false });
	} catch {
		return REFUSED;
	}
	const sheets: SheetGrid[] = [];
	for (const name of workbook.SheetNames) {
		const sheet = workbook.Sheets[name];
		if (!sheet || !sheet['!ref']) {
			sheets.push({ name, rows: [], merges: [] });
			continue;
		}
		const range = XLSX.utils.decode_range(sheet['!ref']);
		if (range.e.r > MAX_ROWS) return { ok: false, message: `Trang "${name}" có hơn ${MAX_ROWS} dòng.`, fix: 'Tải danh sách theo từng khối lớp rồi nhập từng tệp.' };
		const lastColumn = Math.min(range.e.c, MAX_COLUMNS);
		const rows: RawCell[][] = [];
		for (let r = 0; r <= range.e.r; r++) {
			const row: RawCell[] = [];
			for (let c = 0; c <= lastColumn; c++) row.push(cellValue(sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined));
			rows.push(row);
		}
		sheets.push({ name, rows, merges: (sheet['!merges'] ?? []).map((m) => ({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } })) });
	}
	return { ok: true, sheets };
}
