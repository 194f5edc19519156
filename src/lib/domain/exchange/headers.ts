/**
 * Finding columns by their header text in a sheet exported from the education database
 * (exchange SPEC CX1–CX3). Template versions move columns around, add columns, and split headers
 * over several rows with merged cells ("Thông tin cha" above "Họ tên", "Nghề nghiệp", …), so a
 * column is found by what its header says, never by its position. Pure: the reader hands over the
 * sheet as a grid of cells and its merged ranges.
 */
import type { RawCell } from '../roster/cells';
import { cellText } from '../roster/cells';

/** A merged range, 0-based and inclusive, as spreadsheet readers report it. */
export interface MergedRange {
	s: { r: number; c: number };
	e: { r: number; c: number };
}

export interface SheetGrid {
	name: string;
	/** Rows of cells, 0-based; row r is the spreadsheet's line r + 1. */
	rows: RawCell[][];
	merges: MergedRange[];
}

/** A column the importer knows. */
export interface ColumnSpec<K extends string = string> {
	key: K;
	/** What the column is called in the guide and in messages. */
	label: string;
	/** Whole header texts that name it: "Họ tên cha", "Họ và tên cha". */
	aliases: readonly string[];
	/** For a column under a group header: the group's names ("Cha", "Thông tin cha") … */
	group?: readonly string[];
	/** … and the sub-header's names under it ("Họ tên", "Họ và tên"). */
	within?: readonly string[];
	required?: boolean;
}

/**
 * CX1: header text compared after NFC, without diacritics (đ as d), case, spaces and
 * punctuation: "HỌ VÀ TÊN", "Họ và tên", "Ho va ten" and "Họ và  tên:" are one header.
 */
export function headerKey(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLocaleLowerCase('vi')
		.replace(/[^\p{L}\p{N}]/gu, '');
}

const MAX_HEADER_SCAN = 25;
const MAX_HEADER_DEPTH = 4;

/** Each cell's text with merged ranges filled from their top-left cell (CX2). */
export function filledText(grid: SheetGrid, rowLimit: number): string[][] {
	const width = Math.max(0, ...grid.rows.slice(0, rowLimit).map((r) => r.length));
	const text = grid.rows.slice(0, rowLimit).map((row) => Array.from({ length: width }, (_, c) => cellText(row[c] ?? null).trim()));
	for (const m of grid.merges) {
		if (m.s.r >= rowLimit) continue;
		const value = text[m.s.r]?.[m.s.c] ?? '';
		for (let r = m.s.r; r <= Math.min(m.e.r, rowLimit - 1); r++) {
			for (let c = m.s.c; c <= m.e.c; c++) {
				const row = text[r];
				if (row && c < width) row[c] = value;
			}
		}
	}
	return text;
}

export interface HeaderMatch<K extends string> {
	/** 0-based index of the first header row and the number of header rows. */
	headerRow: number;
	depth: number;
	/** 0-based index of the first data row (after a numbering row "(1) (2) (3)", if any). */
	firstDataRow: number;
	/** Column index of each key found. */
	columns: Partial<Record<K, number>>;
	/** The required columns not found, by label. */
	missing: string[];
}

function matchColumn<K extends string>(labels: string[], spec: ColumnSpec<K>, groupKeys: ReadonlySet<string>): boolean {
	// Consecutive equal labels come from a header merged downwards: one label.
	const keys = labels.map(headerKey).filter((k, i, all) => k !== '' && k !== all[i - 1]);
	if (keys.length === 0) return false;
	const bottom = keys[keys.length - 1]!;
	const upper = keys.slice(0, -1);
	const aliases = new Set(spec.aliases.map(headerKey));
	if (aliases.has(keys.join('')) || aliases.has(upper.slice(-1).concat(bottom).join(''))) return true;
	if (spec.group && spec.within) {
		const group = new Set(spec.group.map(headerKey));
		const within = new Set(spec.within.map(headerKey));
		if (within.has(bottom) && upper.some((k) => group.has(k))) return true;
	}
	// An ungrouped name read alone must not sit under some group ("Họ tên" under "Thông tin cha").
	return aliases.has(bottom) && !upper.some((k) => groupKeys.has(k));
}

function matchRows<K extends string>(text: string[][], headerRow: number, depth: number, specs: readonly ColumnSpec<K>[]) {
	const groupKeys = new Set(specs.flatMap((s) => (s.group ?? []).map(headerKey)));
	const width = text[headerRow]?.length ?? 0;
	const columns: Partial<Record<K, number>> = {};
	for (let c = 0; c < width; c++) {
		const labels = Array.from({ length: depth }, (_, d) => text[headerRow + d]?.[c] ?? '');
		const spec = specs.find((s) => columns[s.key] === undefined && matchColumn(labels, s, groupKeys));
		if (spec) columns[spec.key] = c;
	}
	return columns;
}

const isNumberingCell = (t: string) => t === '' || /^\(?\d{1,3}\)?$/.test(t) || /^\([a-z]\)$/i.test(t);

/**
 * CX2: the header is the first block of at most four rows, within the first 25, that names the
 * most known columns (ties: the fewest rows); a row of column numbers under it is skipped.
 */
export function findHeader<K extends string>(grid: SheetGrid, specs: readonly ColumnSpec<K>[]): HeaderMatch<K> {
	const text = filledText(grid, MAX_HEADER_SCAN + MAX_HEADER_DEPTH + 1);
	let best: { headerRow: number; depth: number; columns: Partial<Record<K, number>>; found: number } | null = null;
	for (let r = 0; r < Math.min(MAX_HEADER_SCAN, text.length); r++) {
		for (let depth = 1; depth <= MAX_HEADER_DEPTH && r + depth <= text.length; depth++) {
			const columns = matchRows(text, r, depth, specs);
			const found = Object.keys(columns).length;
			if (!best || found > best.found || (found === best.found && depth < best.depth)) best = { headerRow: r, depth, columns, found };
		}
	}
	const chosen = best ?? { headerRow: 0, depth: 1, columns: {} as Partial<Record<K, number>>, found: 0 };
	let firstDataRow = chosen.headerRow + chosen.depth;
	const numbering = text[firstDataRow];
	if (numbering && numbering.some((t) => t !== '') && numbering.every(isNumberingCell)) firstDataRow++;
	const missing = specs.filter((s) => s.required && chosen.columns[s.key] === undefined).map((s) => s.label);
	return { headerRow: chosen.headerRow, depth: chosen.depth, firstDataRow, columns: chosen.columns, missing };
}

/**
 * CX3: a lookup sheet ("Danh mục trạng thái", "DM_GioiTinh") is a list of code and name pairs; a
 * coded cell is read through the sheet whose name or title names the column. Returns code → name.
 */
export function readLookup(grid: SheetGrid): Map<string, string> {
	const pairs = new Map<string, string>();
	for (const row of grid.rows) {
		const filled = row.map((cell) => cellText(cell ?? null).trim()).filter((t) => t !== '');
		if (filled.length < 2) continue;
		const [code, name] = filled as [string, string];
		// The list's own header row ("Mã", "Tên trạng thái") is not a pair.
		if (headerKey(code) === 'ma' || headerKey(code) === 'stt') continue;
		pairs.set(headerKey(code), name);
	}
	return pairs;
}

/** The lookup sheet for a column: its sheet name or first line names the column. */
export function lookupFor(sheets: readonly SheetGrid[], names: readonly string[]): Map<string, string> | null {
	const wanted = names.map(headerKey).filter((k) => k !== '');
	for (const sheet of sheets) {
		const title = cellText(sheet.rows[0]?.find((c) => cellText(c ?? null).trim() !== '') ?? null);
		const candidates = [headerKey(sheet.name), headerKey(sheet.name.replace(/^dm[_ -]?/i, '')), headerKey(title)];
		if (candidates.some((k) => wanted.some((w) => k === w || k === `danhmuc${w}` || k === `dm${w}`))) return readLookup(sheet);
	}
	return null;
}

/** CX3: a cell's value with a code replaced by the lookup's name (names and unknown text pass). */
export function decodeCell(cell: RawCell, lookup: ReadonlyMap<string, string> | null): RawCell {
	if (!lookup || cell === null || typeof cell === 'object') return cell;
	const name = lookup.get(headerKey(cellText(cell)));
	return name ?? cell;
}
