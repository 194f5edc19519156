/**
 * The education database's staff export (exchange SPEC CX14): about 72 columns, of which the
 * school's work needs five — personal ID, name, email, job position, position group, subjects
 * taught — found by header like the student export (CX1–CX3); and which staff joined or left
 * compared with the school's staff (matched by personal ID only). Pure; not yet wired to a page.
 */
import { readPersonalIdDigits, tidyText, cellText, isBlank, type RawCell } from '../roster/cells';
import { decodeCell, findHeader, lookupFor, type ColumnSpec, type SheetGrid } from './headers';

export type StaffExportKey = 'personalId' | 'fullName' | 'birthDate' | 'email' | 'position' | 'positionGroup' | 'subjects';

export const STAFF_EXPORT_COLUMNS: readonly ColumnSpec<StaffExportKey>[] = [
	{ key: 'personalId', label: 'Số định danh', aliases: ['Số định danh', 'Số định danh cá nhân', 'Số CCCD', 'CCCD', 'Mã định danh'], required: true },
	{ key: 'fullName', label: 'Họ tên', aliases: ['Họ tên', 'Họ và tên', 'Họ tên cán bộ'], required: true },
	{ key: 'birthDate', label: 'Ngày sinh', aliases: ['Ngày sinh'] },
	{ key: 'email', label: 'Email', aliases: ['Email', 'Thư điện tử', 'E-mail'] },
	{ key: 'position', label: 'Vị trí việc làm', aliases: ['Vị trí việc làm'], required: true },
	{ key: 'positionGroup', label: 'Nhóm chức vụ', aliases: ['Nhóm chức vụ', 'Chức vụ'] },
	{ key: 'subjects', label: 'Môn dạy', aliases: ['Môn dạy', 'Môn giảng dạy', 'Môn học giảng dạy'] }
];

export interface StaffRow {
	line: number;
	personalId: string;
	fullName: string;
	email: string | null;
	position: string;
	positionGroup: string | null;
	subjects: string[];
}

export type StaffExportRead = { ok: true; rows: StaffRow[]; skipped: number[] } | { ok: false; message: string; fix: string };

/** CX14: the staff sheet's rows; a row without a 12-digit ID cannot be matched and is listed as skipped. */
export function readStaffExport(sheets: readonly SheetGrid[]): StaffExportRead {
	for (const sheet of sheets) {
		const header = findHeader(sheet, STAFF_EXPORT_COLUMNS);
		if (header.missing.length > 0) continue;
		const others = sheets.filter((s) => s !== sheet);
		const lookups = { position: lookupFor(others, ['Vị trí việc làm']), positionGroup: lookupFor(others, ['Nhóm chức vụ']), subjects: lookupFor(others, ['Môn dạy']) };
		const at = (cells: RawCell[], key: StaffExportKey): RawCell => {
			const i = header.columns[key];
			const raw = i === undefined ? null : (cells[i] ?? null);
			return key in lookups ? decodeCell(raw, lookups[key as keyof typeof lookups]) : raw;
		};
		const rows: StaffRow[] = [];
		const skipped: number[] = [];
		for (let r = header.firstDataRow; r < sheet.rows.length; r++) {
			const cells = sheet.rows[r] ?? [];
			if (isBlank(at(cells, 'personalId')) && isBlank(at(cells, 'fullName'))) continue;
			const id = readPersonalIdDigits(at(cells, 'personalId'));
			const text = (key: StaffExportKey) => tidyText(cellText(at(cells, key))).text;
			if (!id.ok || id.value === null || !/^\d{12}$/.test(id.value)) {
				skipped.push(r + 1);
				continue;
			}
			const subjects = text('subjects').split(/[,;]/).map((s) => s.trim()).filter((s) => s !== '');
			rows.push({ line: r + 1, personalId: id.value, fullName: text('fullName'), email: text('email') || null, position: text('position'), positionGroup: text('positionGroup') || null, subjects });
		}
		return { ok: true, rows, skipped };
	}
	return { ok: false, message: 'Không thấy danh sách cán bộ của CSDL ngành (cần các cột Số định danh, Họ tên, Vị trí việc làm).', fix: 'Tải lại tệp danh sách cán bộ từ CSDL ngành, giữ nguyên dòng tiêu đề.' };
}

/** CX14: staff who joined (in the export, not on the school's staff) and who left (the reverse), by personal ID. */
export function staffChanges(rows: readonly StaffRow[], current: ReadonlyArray<{ personalId: string; fullName: string }>) {
	const inFile = new Set(rows.map((r) => r.personalId));
	const onStaff = new Set(current.map((c) => c.personalId));
	return { joined: rows.filter((r) => !onStaff.has(r.personalId)), left: current.filter((c) => !inFile.has(c.personalId)) };
}
