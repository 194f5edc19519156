/**
 * The education database's student export read onto the roster import's rows (exchange SPEC
 * CX4–CX6): columns found by header (CX1–CX3), coded values decoded, each row turned into the
 * roster's cells so the roster's own per-cell checks (RI2–RI13) and plan (RI14) apply unchanged.
 * Only what the school's work needs is taken: ethnicity, disability, occupations, address and place
 * of birth are recognised (so they are not mistaken for other columns) and not kept.
 */
import { cellText, isBlank, tidyText, type RawCell } from '../roster/cells';
import type { ColumnKey } from '../roster/columns';
import type { RawRow, RosterIssue } from '../roster/validate-rows';
import { decodeCell, findHeader, headerKey, lookupFor, type ColumnSpec, type SheetGrid } from './headers';

export type StudentExportKey =
	| 'classCode'
	| 'className'
	| 'moetCode'
	| 'fullName'
	| 'birthDate'
	| 'gender'
	| 'status'
	| 'statusDate'
	| 'ethnicity'
	| 'disability'
	| 'personalId'
	| 'fatherName'
	| 'fatherBirthDate'
	| 'fatherId'
	| 'fatherPhone'
	| 'fatherJob'
	| 'motherName'
	| 'motherBirthDate'
	| 'motherId'
	| 'motherPhone'
	| 'motherJob'
	| 'phone'
	| 'address'
	| 'birthPlace';

const FATHER = ['Cha', 'Bố', 'Thông tin cha', 'Thông tin bố', 'Cha đẻ'];
const MOTHER = ['Mẹ', 'Thông tin mẹ', 'Mẹ đẻ'];
const NAME = ['Họ tên', 'Họ và tên'];
const BIRTH = ['Ngày sinh'];
const ID = ['Số định danh', 'Số định danh cá nhân', 'Số CCCD', 'CCCD', 'Số căn cước'];
const PHONE = ['Số điện thoại', 'Điện thoại', 'SĐT'];
const JOB = ['Nghề nghiệp'];

const parent = (who: 'father' | 'mother', group: string[]) => {
	const word = who === 'father' ? ['cha', 'bố'] : ['mẹ'];
	const flat = (names: string[]) => names.flatMap((n) => word.map((w) => `${n} ${w}`));
	const key = (field: string) => `${who}${field}` as StudentExportKey;
	return [
		{ key: key('Name'), label: `Họ tên ${word[0]}`, aliases: flat(NAME), group, within: NAME },
		{ key: key('BirthDate'), label: `Ngày sinh ${word[0]}`, aliases: flat(BIRTH), group, within: BIRTH },
		{ key: key('Id'), label: `Số định danh ${word[0]}`, aliases: flat(ID), group, within: ID },
		{ key: key('Phone'), label: `Số điện thoại ${word[0]}`, aliases: flat(PHONE), group, within: PHONE },
		{ key: key('Job'), label: `Nghề nghiệp ${word[0]}`, aliases: flat(JOB), group, within: JOB }
	] satisfies ColumnSpec<StudentExportKey>[];
};

/** CX4: the student export's columns and the names each goes by across template versions. */
export const STUDENT_EXPORT_COLUMNS: readonly ColumnSpec<StudentExportKey>[] = [
	...parent('father', FATHER),
	...parent('mother', MOTHER),
	{ key: 'moetCode', label: 'Mã học sinh', aliases: ['Mã học sinh', 'Mã HS', 'Mã định danh Bộ GD&ĐT', 'Mã định danh học sinh'], required: true },
	{ key: 'fullName', label: 'Họ tên', aliases: ['Họ tên', 'Họ và tên', 'Họ tên học sinh', 'Họ và tên học sinh', 'Tên học sinh'], required: true },
	{ key: 'birthDate', label: 'Ngày sinh', aliases: ['Ngày sinh', 'Ngày tháng năm sinh', 'Ngày sinh học sinh'], required: true },
	{ key: 'gender', label: 'Giới tính', aliases: ['Giới tính', 'Giới'], required: true },
	{ key: 'classCode', label: 'Mã lớp', aliases: ['Mã lớp'] },
	{ key: 'className', label: 'Lớp', aliases: ['Lớp', 'Tên lớp', 'Lớp học'] },
	{ key: 'status', label: 'Trạng thái học sinh', aliases: ['Trạng thái học sinh', 'Trạng thái', 'Tình trạng học sinh'], required: true },
	{ key: 'statusDate', label: 'Ngày nhập trạng thái', aliases: ['Ngày nhập trạng thái', 'Ngày trạng thái', 'Ngày cập nhật trạng thái'] },
	{ key: 'ethnicity', label: 'Dân tộc', aliases: ['Dân tộc'] },
	{ key: 'disability', label: 'Loại khuyết tật', aliases: ['Loại khuyết tật', 'Khuyết tật'] },
	{ key: 'personalId', label: 'Số định danh cá nhân', aliases: ['Số định danh cá nhân', 'Số định danh', 'Mã định danh cá nhân', 'Số CCCD', 'CCCD', 'Số căn cước'], required: true },
	{ key: 'phone', label: 'Số điện thoại', aliases: PHONE },
	{ key: 'address', label: 'Địa chỉ', aliases: ['Địa chỉ', 'Địa chỉ thường trú', 'Nơi ở hiện nay', 'Chỗ ở hiện nay'] },
	{ key: 'birthPlace', label: 'Nơi sinh', aliases: ['Nơi sinh'] }
];

export type StatusCode =
	| 'dang-hoc'
	| 'chuyen-den'
	| 'luu-ban'
	| 'nghi-tam-thoi'
	| 'bao-luu'
	| 'chuyen-di'
	| 'thoi-hoc'
	| 'bo-hoc'
	| 'buoc-thoi-hoc'
	| 'hoan-thanh'
	| 'tot-nghiep'
	| 'da-mat';

/**
 * CX5: the student states, what each means for the school's lists, and the names the export uses.
 * `enrolled` states keep the student in the class as now; the others mean the student has left:
 * kept with marks and history, read-only, never deleted.
 */
export const STUDENT_STATUSES: ReadonlyArray<{ code: StatusCode; name: string; enrolled: boolean; aliases: readonly string[] }> = [
	{ code: 'dang-hoc', name: 'Đang học', enrolled: true, aliases: ['Đang học', 'Đi học'] },
	{ code: 'chuyen-den', name: 'Chuyển đến', enrolled: true, aliases: ['Chuyển đến', 'Mới chuyển đến', 'Chuyển trường đến'] },
	{ code: 'luu-ban', name: 'Lưu ban', enrolled: true, aliases: ['Lưu ban', 'Ở lại lớp'] },
	{ code: 'nghi-tam-thoi', name: 'Nghỉ học tạm thời', enrolled: true, aliases: ['Nghỉ học tạm thời', 'Tạm nghỉ học', 'Tạm nghỉ'] },
	{ code: 'bao-luu', name: 'Bảo lưu kết quả', enrolled: true, aliases: ['Bảo lưu kết quả', 'Bảo lưu'] },
	{ code: 'chuyen-di', name: 'Chuyển đi', enrolled: false, aliases: ['Chuyển đi', 'Chuyển trường', 'Chuyển trường đi'] },
	{ code: 'thoi-hoc', name: 'Thôi học', enrolled: false, aliases: ['Thôi học', 'Xin thôi học'] },
	{ code: 'bo-hoc', name: 'Bỏ học', enrolled: false, aliases: ['Bỏ học'] },
	{ code: 'buoc-thoi-hoc', name: 'Buộc thôi học', enrolled: false, aliases: ['Buộc thôi học', 'Bị buộc thôi học', 'Kỷ luật buộc thôi học'] },
	{ code: 'hoan-thanh', name: 'Hoàn thành chương trình', enrolled: false, aliases: ['Hoàn thành chương trình', 'Hoàn thành chương trình tiểu học'] },
	{ code: 'tot-nghiep', name: 'Tốt nghiệp', enrolled: false, aliases: ['Tốt nghiệp', 'Đã tốt nghiệp', 'Tốt nghiệp THCS'] },
	{ code: 'da-mat', name: 'Đã mất', enrolled: false, aliases: ['Đã mất', 'Qua đời'] }
];

const STATUS_BY_KEY = new Map(STUDENT_STATUSES.flatMap((s) => s.aliases.map((a) => [headerKey(a), s] as const)));
export const statusOf = (code: string) => STUDENT_STATUSES.find((s) => s.code === code) ?? STUDENT_STATUSES[0]!;

/** CX5: a status cell (already decoded through the lookup sheet) read into a state. */
export function readStatus(cell: RawCell): { ok: true; code: StatusCode } | { ok: false; message: string; fix: string } {
	const text = tidyText(cellText(cell)).text;
	if (text === '') return { ok: true, code: 'dang-hoc' };
	const status = STATUS_BY_KEY.get(headerKey(text));
	if (status) return { ok: true, code: status.code };
	return { ok: false, message: `Trạng thái học sinh "${text}" không có trong danh mục.`, fix: `Dùng một trong: ${STUDENT_STATUSES.map((s) => s.name).join(', ')}.` };
}

/** One row of the export: the roster row, and the state the export gives the student. */
export interface ExportRow {
	row: RawRow;
	status: StatusCode;
	/** The status date cell as given (read by RI4 when the change is applied). */
	statusDate: RawCell;
}

export type StudentExportRead =
	| { ok: true; rows: ExportRow[]; issues: RosterIssue[]; templateColumns: number }
	| { ok: false; message: string; fix: string };

/** CX3: the columns whose values may be codes of a lookup sheet. */
const CODED = new Set<StudentExportKey>(['gender', 'status', 'ethnicity', 'disability']);

/** The first sheet that names the required columns, with the others as lookup sheets. */
export function readStudentExport(sheets: readonly SheetGrid[]): StudentExportRead {
	let chosen: { sheet: SheetGrid; header: ReturnType<typeof findHeader<StudentExportKey>> } | null = null;
	let closest: string[] | null = null;
	for (const sheet of sheets) {
		const header = findHeader(sheet, STUDENT_EXPORT_COLUMNS);
		const hasClass = header.columns.className !== undefined || header.columns.classCode !== undefined;
		const missing = [...header.missing, ...(hasClass ? [] : ['Lớp hoặc Mã lớp'])];
		if (missing.length === 0) {
			chosen = { sheet, header };
			break;
		}
		if (!closest || missing.length < closest.length) closest = missing;
	}
	if (!chosen) {
		return {
			ok: false,
			message: `Không thấy danh sách học sinh của CSDL ngành: thiếu cột ${(closest ?? ['Mã học sinh']).join(', ')}.`,
			fix: 'Tải lại tệp "Danh sách học sinh" từ CSDL ngành, giữ nguyên dòng tiêu đề; đừng xóa hay đổi tên cột.'
		};
	}
	const { sheet, header } = chosen;
	const lookups = new Map<StudentExportKey, Map<string, string> | null>();
	const others = sheets.filter((s) => s !== sheet);
	for (const spec of STUDENT_EXPORT_COLUMNS.filter((s) => CODED.has(s.key))) lookups.set(spec.key, lookupFor(others, [spec.label, ...spec.aliases]));
	const cell = (cells: RawCell[], key: StudentExportKey): RawCell => {
		const index = header.columns[key];
		return index === undefined ? null : decodeCell(cells[index] ?? null, lookups.get(key) ?? null);
	};
	const rows: ExportRow[] = [];
	const issues: RosterIssue[] = [];
	for (let r = header.firstDataRow; r < sheet.rows.length; r++) {
		const cells = sheet.rows[r] ?? [];
		const line = r + 1;
		const take = (key: StudentExportKey) => cell(cells, key);
		if (['moetCode', 'fullName', 'birthDate', 'personalId'].every((k) => isBlank(take(k as StudentExportKey)))) continue;
		const mapped: Partial<Record<ColumnKey, RawCell>> = {
			moetCode: take('moetCode'),
			fullName: take('fullName'),
			birthDate: take('birthDate'),
			gender: take('gender'),
			personalId: take('personalId'),
			// CX4: the class by name when the export has one, else by its code.
			className: isBlank(take('className')) ? take('classCode') : take('className')
		};
		// CX6: a parent becomes a declared guardian only when the export gives name, ID number and date of birth.
		const parents = [
			{ slot: 1, relation: 'Cha', name: take('fatherName'), id: take('fatherId'), birth: take('fatherBirthDate'), phone: take('fatherPhone') },
			{ slot: 2, relation: 'Mẹ', name: take('motherName'), id: take('motherId'), birth: take('motherBirthDate'), phone: take('motherPhone') }
		];
		for (const p of parents) {
			if (isBlank(p.name) || isBlank(p.id)) continue;
			if (isBlank(p.birth)) {
				issues.push({ line, column: null, rule: 'CX6', code: 'guardian-without-birth-date', severity: 'warning', message: `${p.relation} (${cellText(p.name)}) có số định danh nhưng tệp không có ngày sinh: chưa khai báo làm phụ huynh.`, fix: 'Thêm phụ huynh bằng trang Nhập danh sách học sinh, phụ huynh với đủ ngày sinh.' });
				continue;
			}
			Object.assign(mapped, { [`g${p.slot}.relation`]: p.relation, [`g${p.slot}.fullName`]: p.name, [`g${p.slot}.birthDate`]: p.birth, [`g${p.slot}.personalId`]: p.id, [`g${p.slot}.phone`]: p.phone });
		}
		const status = readStatus(take('status'));
		if (!status.ok) {
			issues.push({ line, column: null, rule: 'CX5', code: 'status-invalid', severity: 'error', message: status.message, fix: status.fix });
			continue;
		}
		rows.push({ row: { line, cells: mapped }, status: status.code, statusDate: take('statusDate') });
	}
	return { ok: true, rows, issues, templateColumns: Object.keys(header.columns).length };
}
