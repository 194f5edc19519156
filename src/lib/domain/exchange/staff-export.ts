/**
 * The education database's staff export (exchange SPEC CX14–CX18): about 72 columns, of which the
 * school's work needs a few — personal ID, name, date of birth, email, job position, position
 * group, subjects taught — found by header like the student export (CX1–CX3); the per-cell
 * problems of each row (CX15); and what changed compared with the school's staff, matched by
 * personal ID only (CX16). Pure: the server hashes the IDs and applies what a leader confirms.
 */
import { formatIsoDate, parseIsoDate, type CalendarDate } from '../identity/calendar-date';
import { validateCitizenId } from '../identity/citizen-id';
import { checkPersonName, sameVietnameseName } from '../identity/vietnamese-name';
import { readDate, readPersonalIdDigits, tidyText, cellText, isBlank, type RawCell } from '../roster/cells';
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
	/** ISO `YYYY-MM-DD`, or null when the export gives none or an unreadable one. */
	birthDate: string | null;
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
			const born = isBlank(at(cells, 'birthDate')) ? null : readDate(at(cells, 'birthDate'));
			const birthDate = born && born.ok ? formatIsoDate(born.value) : null;
			rows.push({ line: r + 1, personalId: id.value, fullName: text('fullName'), birthDate, email: text('email') || null, position: text('position'), positionGroup: text('positionGroup') || null, subjects });
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

/** A problem of one cell of the staff export (CX15), by the export's line and column. */
export interface StaffIssue {
	line: number;
	column: StaffExportKey | null;
	rule: string;
	code: string;
	severity: 'error' | 'warning';
	message: string;
	fix?: string;
}

export const STAFF_COLUMN_NAMES: Record<StaffExportKey, string> = {
	personalId: 'Số định danh',
	fullName: 'Họ tên',
	birthDate: 'Ngày sinh',
	email: 'Email',
	position: 'Vị trí việc làm',
	positionGroup: 'Nhóm chức vụ',
	subjects: 'Môn dạy'
};

/**
 * CX15: each row's cells. Errors (the whole import writes nothing while one is left): a name with
 * hidden characters or of the wrong length, a number that cannot be a staff member's (identity
 * I1–I6: province, birth year agreeing with the date of birth, an adult), a blank job position, a
 * personal ID given twice. Warnings: a row without a 12-digit ID (not imported: it cannot be
 * matched), a date of birth missing or unreadable (only a person new to the system needs it: the
 * server makes that an error, CX17).
 */
export function checkStaffRows(read: { rows: readonly StaffRow[]; skipped: readonly number[] }, today: CalendarDate): StaffIssue[] {
	const issues: StaffIssue[] = read.skipped.map((line) => ({
		line,
		column: 'personalId',
		rule: 'CX15',
		code: 'no-personal-id',
		severity: 'warning',
		message: 'Không có số định danh 12 chữ số: dòng này không được nhập.',
		fix: 'Bổ sung số định danh của cán bộ trên CSDL ngành rồi tải lại tệp.'
	}));
	const seen = new Map<string, number>();
	for (const row of read.rows) {
		const error = (column: StaffExportKey, code: string, message: string, fix?: string) => issues.push({ line: row.line, column, rule: 'CX15', code, severity: 'error', message, ...(fix ? { fix } : {}) });
		const name = checkPersonName(row.fullName);
		if (!name.ok) error('fullName', name.code, name.message, 'Sửa họ tên trên CSDL ngành rồi tải lại tệp.');
		if (row.position === '') error('position', 'position-blank', 'Thiếu vị trí việc làm.', 'Bổ sung vị trí việc làm trên CSDL ngành rồi tải lại tệp.');
		const dateOfBirth = row.birthDate ? parseIsoDate(row.birthDate) : null;
		if (!dateOfBirth) {
			issues.push({ line: row.line, column: 'birthDate', rule: 'CX15', code: 'birth-date-missing', severity: 'warning', message: 'Không đọc được ngày sinh (cần dd/mm/yyyy).', fix: 'Chỉ cần khi cán bộ chưa có hồ sơ trong Sổ Điểm.' });
		}
		const id = validateCitizenId(row.personalId, { today, role: 'staff', ...(dateOfBirth ? { dateOfBirth } : {}) });
		if (!id.ok) error(id.code === 'under-18' || id.code === 'birth-year-mismatch' ? 'birthDate' : 'personalId', id.code, id.message, 'Đối chiếu số định danh và ngày sinh với căn cước của cán bộ.');
		const first = seen.get(row.personalId);
		if (first !== undefined) error('personalId', 'duplicate-id', `Số định danh trùng với dòng ${first}.`, 'Mỗi cán bộ chỉ có một dòng; xóa dòng trùng trên CSDL ngành.');
		else seen.set(row.personalId, row.line);
	}
	return issues.sort((a, b) => a.line - b.line);
}

/** A member of the school's staff as Sổ Điểm holds them (the "before" of CX16). */
export interface CurrentStaff {
	personId: string;
	/** The personal ID's matching key (the server's keyed hash); null when the record has no ID. */
	key: string | null;
	fullName: string;
	position: string | null;
	positionGroup: string | null;
	subjects: readonly string[];
}

export type StaffChangeKind = 'joined' | 'left' | 'name' | 'position' | 'subjects';

export const STAFF_CHANGE_NAMES: Record<StaffChangeKind, string> = {
	joined: 'Mới về trường',
	left: 'Rời trường',
	name: 'Đổi họ tên',
	position: 'Đổi vị trí, chức vụ',
	subjects: 'Đổi môn dạy'
};

export interface StaffChange {
	/** The export's line (joined or changed), or null for staff the export no longer lists (left). */
	line: number | null;
	/** Who already is on the staff (changed, left); null for someone who joined. */
	personId: string | null;
	fullName: string;
	kinds: StaffChangeKind[];
	details: string[];
}

const sameList = (a: readonly string[], b: readonly string[]) => {
	const norm = (list: readonly string[]) => list.map((s) => s.normalize('NFC').toLowerCase()).sort().join('\n');
	return norm(a) === norm(b);
};
const shown = (list: readonly string[]) => (list.length === 0 ? '—' : list.join(', '));
const positionText = (position: string | null, group: string | null) => [position, group].filter((p) => p).join(' · ') || '—';

/**
 * CX16: rows matched to the school's staff by the key of their personal ID. Joined: not on the
 * staff; changed: the name (compared as identity I17 does), the job position or group, or the
 * subjects taught (as a set) differ; left: on the staff and not in the export. Staff whose record
 * has no personal ID cannot be compared and are never "left". The same export again gives no change.
 */
export function detectStaffChanges(rows: ReadonlyArray<StaffRow & { key: string }>, current: readonly CurrentStaff[]): StaffChange[] {
	const byKey = new Map(current.flatMap((c) => (c.key ? [[c.key, c] as const] : [])));
	const changes: StaffChange[] = [];
	const listed = new Set<string>();
	for (const row of rows) {
		listed.add(row.key);
		const was = byKey.get(row.key);
		if (!was) {
			changes.push({ line: row.line, personId: null, fullName: row.fullName, kinds: ['joined'], details: [`Vị trí: ${positionText(row.position, row.positionGroup)}`, ...(row.subjects.length > 0 ? [`Môn dạy: ${shown(row.subjects)}`] : [])] });
			continue;
		}
		const kinds: StaffChangeKind[] = [];
		const details: string[] = [];
		if (!sameVietnameseName(was.fullName, row.fullName)) {
			kinds.push('name');
			details.push(`Họ tên: ${was.fullName} → ${row.fullName}`);
		}
		if ((was.position ?? '') !== row.position || (was.positionGroup ?? null) !== row.positionGroup) {
			kinds.push('position');
			details.push(`Vị trí: ${positionText(was.position, was.positionGroup)} → ${positionText(row.position, row.positionGroup)}`);
		}
		if (!sameList(was.subjects, row.subjects)) {
			kinds.push('subjects');
			details.push(`Môn dạy: ${shown(was.subjects)} → ${shown(row.subjects)}`);
		}
		if (kinds.length > 0) changes.push({ line: row.line, personId: was.personId, fullName: row.fullName, kinds, details });
	}
	for (const c of current) {
		if (c.key && !listed.has(c.key)) changes.push({ line: null, personId: c.personId, fullName: c.fullName, kinds: ['left'], details: [`Vị trí: ${positionText(c.position, c.positionGroup)}`] });
	}
	return changes;
}

