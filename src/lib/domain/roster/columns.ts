/**
 * The roster template's columns (roster SPEC RI1): one row per student, with up to two guardians.
 * Headers are matched loosely (case, diacritic spelling, spaces) so a school's own copy of the
 * template still reads; the keys are what the validator and the preview use.
 */
import { nameMatchKey } from '../identity/vietnamese-name';

export const STUDENT_COLUMNS = [
	{ key: 'moetCode', header: 'Mã học sinh', required: true, example: '7910000123' },
	{ key: 'fullName', header: 'Họ và tên học sinh', required: true, example: 'Nguyễn Minh Anh' },
	{ key: 'birthDate', header: 'Ngày sinh', required: true, example: '05/09/2013' },
	{ key: 'gender', header: 'Giới tính', required: true, example: 'Nữ' },
	{ key: 'personalId', header: 'Số định danh học sinh', required: true, example: '079313001234' },
	{ key: 'className', header: 'Lớp', required: true, example: '6A1' }
] as const;

export const GUARDIAN_FIELDS = [
	{ key: 'relation', header: 'Quan hệ', example: 'Mẹ' },
	{ key: 'fullName', header: 'Họ và tên', example: 'Trần Thị Bình' },
	{ key: 'birthDate', header: 'Ngày sinh', example: '12/03/1985' },
	{ key: 'personalId', header: 'Số định danh', example: '079185004321' },
	{ key: 'phone', header: 'Điện thoại', example: '0912345678' }
] as const;

export const GUARDIAN_SLOTS = [1, 2] as const;
export type GuardianSlot = (typeof GUARDIAN_SLOTS)[number];

export type StudentColumnKey = (typeof STUDENT_COLUMNS)[number]['key'];
export type GuardianFieldKey = (typeof GUARDIAN_FIELDS)[number]['key'];
export type GuardianColumnKey = `g${GuardianSlot}.${GuardianFieldKey}`;
export type ColumnKey = StudentColumnKey | GuardianColumnKey;

export interface ColumnDefinition {
	key: ColumnKey;
	header: string;
	required: boolean;
	example: string;
}

/** Every column in template order; guardian headers read "Quan hệ (PH1)", "Họ và tên (PH2)", … */
export const COLUMNS: readonly ColumnDefinition[] = [
	...STUDENT_COLUMNS.map((c) => ({ ...c })),
	...GUARDIAN_SLOTS.flatMap((slot) =>
		GUARDIAN_FIELDS.map((f) => ({ key: `g${slot}.${f.key}` as GuardianColumnKey, header: `${f.header} (PH${slot})`, required: false, example: slot === 1 ? f.example : '' }))
	)
];

export const COLUMN_HEADER: Record<ColumnKey, string> = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;

const headerKey = (text: string) => nameMatchKey(text).replace(/[^\p{L}\p{N}]/gu, '');
const BY_HEADER = new Map(COLUMNS.map((c) => [headerKey(c.header), c.key]));

export type HeaderMapping = { ok: true; columns: Array<ColumnKey | null> } | { ok: false; missing: string[]; message: string; fix: string };

/** RI1: which column each header cell names; every required column must be present. */
export function mapHeader(headerCells: readonly string[]): HeaderMapping {
	const columns = headerCells.map((cell) => BY_HEADER.get(headerKey(cell)) ?? null);
	const missing = STUDENT_COLUMNS.filter((c) => !columns.includes(c.key)).map((c) => c.header);
	if (missing.length > 0) {
		return {
			ok: false,
			missing,
			message: `Tệp thiếu cột: ${missing.join(', ')}.`,
			fix: 'Tải mẫu tệp của nhà trường, chép dữ liệu vào đúng các cột và giữ nguyên dòng tiêu đề.'
		};
	}
	return { ok: true, columns };
}
