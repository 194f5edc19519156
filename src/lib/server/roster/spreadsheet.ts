/**
 * Reads a school's roster file — .xlsx or .csv — into header cells and raw rows for the pure
 * validator (roster SPEC RI1). Cells keep what Excel stored: numbers stay numbers (so a lost
 * leading zero or a date serial can be recognised and explained), date cells become ISO dates.
 */
import ExcelJS from 'exceljs';
import type { RawCell } from '../../domain/roster/cells';
import { mapHeader, type ColumnKey } from '../../domain/roster/columns';
import type { RawRow } from '../../domain/roster/validate-rows';

export interface SheetRows {
	header: string[];
	/** Each row's cells in column order, with the spreadsheet's row number. */
	rows: Array<{ line: number; cells: RawCell[] }>;
}

export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;
export const MAX_ROSTER_ROWS = 5_000;

export type ReadResult = { ok: true; rows: RawRow[] } | { ok: false; message: string; fix: string };

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": a zip container

/**
 * .xlsx or .csv by content (a renamed file still reads): in a workbook, the first sheet whose
 * header row `acceptsHeader` (a template's guide sheet is skipped).
 */
export async function readSheet(bytes: Uint8Array, acceptsHeader: (header: string[]) => boolean): Promise<{ ok: true; sheet: SheetRows } | { ok: false; message: string; fix: string }> {
	if (bytes.byteLength > MAX_ROSTER_BYTES) return { ok: false, message: 'Tệp lớn hơn 5 MB.', fix: 'Chia danh sách thành nhiều tệp (ví dụ theo khối lớp).' };
	try {
		return { ok: true, sheet: isXlsx(bytes) ? await readXlsx(bytes, acceptsHeader) : readCsv(new TextDecoder('utf-8').decode(bytes)) };
	} catch {
		return { ok: false, message: 'Không đọc được tệp.', fix: 'Lưu lại tệp dưới dạng Excel (.xlsx) hoặc CSV UTF-8 rồi tải lên lại.' };
	}
}

/** The roster file, then RI1's header mapping. */
export async function readRosterFile(bytes: Uint8Array): Promise<ReadResult> {
	const read = await readSheet(bytes, (header) => mapHeader(header).ok);
	if (!read.ok) return read;
	const sheet = read.sheet;
	if (sheet.rows.length > MAX_ROSTER_ROWS) return { ok: false, message: `Tệp có ${sheet.rows.length} dòng, nhiều hơn ${MAX_ROSTER_ROWS}.`, fix: 'Chia danh sách thành nhiều tệp.' };
	const mapping = mapHeader(sheet.header);
	if (!mapping.ok) return { ok: false, message: mapping.message, fix: mapping.fix };
	const rows = sheet.rows.map(({ line, cells }) => {
		const mapped: Partial<Record<ColumnKey, RawCell>> = {};
		mapping.columns.forEach((key, index) => {
			if (key) mapped[key] = cells[index] ?? null;
		});
		return { line, cells: mapped };
	});
	return { ok: true, rows };
}

function cellValue(value: ExcelJS.CellValue): RawCell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number' || typeof value === 'string') return value;
	if (typeof value === 'boolean') return String(value);
	// exceljs gives date cells as UTC midnight of the calendar day shown.
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { date: value.toISOString().slice(0, 10) };
	if ('richText' in value) return value.richText.map((part) => part.text).join('');
	if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
	if ('text' in value && typeof value.text === 'string') return value.text;
	return null;
}

async function readXlsx(bytes: Uint8Array, acceptsHeader: (header: string[]) => boolean): Promise<SheetRows> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
	for (const worksheet of workbook.worksheets) {
		const header = rowCells(worksheet.getRow(1)).map((cell) => (cell === null ? '' : String(typeof cell === 'object' ? cell.date : cell)));
		if (!acceptsHeader(header)) continue;
		const rows: SheetRows['rows'] = [];
		worksheet.eachRow((row, line) => {
			if (line > 1) rows.push({ line, cells: rowCells(row) });
		});
		return { header, rows };
	}
	const first = workbook.worksheets[0];
	return { header: first ? rowCells(first.getRow(1)).map((c) => String(c ?? '')) : [], rows: [] };
}

function rowCells(row: ExcelJS.Row): RawCell[] {
	const cells: RawCell[] = [];
	for (let column = 1; column <= row.cellCount; column++) cells.push(cellValue(row.getCell(column).value));
	return cells;
}

/** RFC 4180 with the separator Excel used (';' in Vietnamese Excel, ',' or tab elsewhere); BOM dropped. */
export function readCsv(text: string): SheetRows {
	const source = text.replace(/^\uFEFF/, '');
	const firstLine = source.slice(0, source.search(/\r?\n|$/));
	const separator = [';', ',', '\t'].map((s) => ({ s, n: firstLine.split(s).length })).sort((a, b) => b.n - a.n)[0]!.s;
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	const endRecord = () => {
		record.push(field);
		records.push(record);
		record = [];
		field = '';
	};
	for (let i = 0; i < source.length; i++) {
		const c = source[i]!;
		if (quoted) {
			if (c === '"' && source[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === separator) {
			record.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && source[i + 1] === '\n') i++;
			endRecord();
		} else field += c;
	}
	if (field !== '' || record.length > 0) endRecord();
	const [header = [], ...rest] = records;
	// CSV has no types: every cell is text, which is what RI4/RI5 expect from a CSV Excel wrote.
	return { header, rows: rest.map((cells, index) => ({ line: index + 2, cells: cells.map((c) => (c === '' ? null : c)) })) };
}
