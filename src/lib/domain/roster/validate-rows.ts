/**
 * Row validation of a roster file (roster SPEC RI2–RI12): each row read into a student and up to
 * two guardians, with every problem tied to its line and column and a "what to do". Pure: the
 * date of today and the school's classes are passed in; nothing here knows the database.
 */
import { formatIsoDate, type CalendarDate } from '../identity/calendar-date';
import { validateCitizenId, type CitizenIdRole, type Sex } from '../identity/citizen-id';
import { checkPersonName, HIDDEN_CHARACTER_MESSAGE, hasHiddenCharacter } from '../identity/vietnamese-name';
import {
	cellText,
	isBlank,
	PERSONAL_ID_FIX,
	readDate,
	readGender,
	readPersonalIdDigits,
	readPhone,
	readRelation,
	tidyText,
	type CellRead,
	type RawCell,
	type Relation
} from './cells';
import { GUARDIAN_FIELDS, GUARDIAN_SLOTS, type ColumnKey, type GuardianSlot } from './columns';
import { classKey } from './new-class';

export type Severity = 'error' | 'warning' | 'repaired';

export interface RosterIssue {
	/** The spreadsheet's own row number (header = 1), or 0 for the whole file. */
	line: number;
	column: ColumnKey | null;
	/** Roster SPEC rule ID, e.g. 'RI5'. */
	rule: string;
	code: string;
	severity: Severity;
	message: string;
	fix?: string;
}

export interface RawRow {
	line: number;
	cells: Partial<Record<ColumnKey, RawCell>>;
}

export interface PersonRecord {
	fullName: string;
	/** ISO `YYYY-MM-DD`. */
	birthDate: string;
	gender: Sex;
	/** 12 digits (I1–I3 hold), or null when the file gives none (students only). */
	personalId: string | null;
}

export interface StudentRecord extends PersonRecord {
	moetCode: string;
	classCode: string;
}

export interface GuardianRecord extends PersonRecord {
	personalId: string;
	slot: GuardianSlot;
	relation: Relation;
	phone: string | null;
}

export interface RowResult {
	line: number;
	/** Null when the row has an error: an erroneous row is never written. */
	student: StudentRecord | null;
	guardians: GuardianRecord[];
	issues: RosterIssue[];
}

export interface RosterContext {
	today: CalendarDate;
	/** The school's classes of the year being imported. */
	classes: ReadonlyArray<{ code: string; name: string }>;
}


/** One reader per row: collects issues and returns the read value (or null). */
class RowReader {
	readonly issues: RosterIssue[] = [];
	constructor(readonly row: RawRow) {}

	cell(column: ColumnKey): RawCell {
		return this.row.cells[column] ?? null;
	}

	error(column: ColumnKey | null, rule: string, code: string, message: string, fix?: string): null {
		this.issues.push({ line: this.row.line, column, rule, code, severity: 'error', message, ...(fix ? { fix } : {}) });
		return null;
	}

	note(column: ColumnKey, rule: string, severity: 'warning' | 'repaired', code: string, message: string, fix?: string): void {
		this.issues.push({ line: this.row.line, column, rule, code, severity, message, ...(fix ? { fix } : {}) });
	}

	read<T>(column: ColumnKey, rule: string, result: CellRead<T>): T | null {
		if (!result.ok) return this.error(column, rule, result.code, result.message, result.fix);
		if (result.repaired) this.note(column, rule, 'repaired', result.repaired.code, result.repaired.message);
		return result.value;
	}

	/** RI2: text with spaces and Unicode form repaired; hidden characters refused (I16). */
	text(column: ColumnKey, label: string, fix: string): string | null {
		const raw = cellText(this.cell(column));
		if (hasHiddenCharacter(raw.replace(/[\u00A0]/g, ' '))) return this.error(column, 'RI2', 'hidden-character', HIDDEN_CHARACTER_MESSAGE);
		const tidy = tidyText(raw);
		if (tidy.text === '') return this.error(column, 'RI2', 'missing', `Thiếu ${label}.`, fix);
		if (tidy.repaired) this.note(column, 'RI2', 'repaired', tidy.repaired.code, tidy.repaired.message);
		return tidy.text;
	}

	/** RI3: a person's name (I14, I16). */
	name(column: ColumnKey, label: string): string | null {
		const text = this.text(column, label, 'Ghi đầy đủ họ, tên đệm và tên như trên giấy khai sinh hoặc căn cước.');
		if (text === null) return null;
		const checked = checkPersonName(text);
		if (!checked.ok) return this.error(column, 'RI3', checked.code, checked.message, 'Gõ lại họ tên trực tiếp, đừng dán từ nơi khác.');
		return checked.name;
	}

	/** RI5 + identity I1–I6: the number against the row's date of birth and the person's role. */
	personalId(column: ColumnKey, birthDate: CalendarDate | null, sex: Sex | null, role: CitizenIdRole, today: CalendarDate, required: boolean): string | null | undefined {
		const digits = this.read(column, 'RI5', readPersonalIdDigits(this.cell(column)));
		if (digits === null) {
			if (required) this.error(column, 'RI5', 'id-missing', 'Thiếu số định danh cá nhân.', 'Ghi số định danh 12 chữ số trên căn cước hoặc giấy khai sinh.');
			else this.note(column, 'RI5', 'warning', 'id-missing', 'Chưa có số định danh: học sinh sẽ không tính là "có số định danh hợp lệ".', 'Bổ sung số định danh khi có.');
			return required ? undefined : null;
		}
		const checked = validateCitizenId(digits, { today, ...(birthDate ? { dateOfBirth: birthDate } : {}), ...(sex ? { sex } : {}), role });
		if (!checked.ok) {
			const { rule, code, message, fix } = describeIdError(checked.code, checked.message, digits, birthDate);
			this.error(column, rule, code, message, fix);
			return undefined;
		}
		for (const warning of checked.warnings) this.note(column, 'RI5', 'warning', warning.code, warning.message, 'Đối chiếu với giấy tờ tùy thân; không cần sửa nếu đúng.');
		return checked.id;
	}
}

/** Identity errors reworded with what the school should do (RI5, RI10). */
function describeIdError(code: string, message: string, digits: string, birthDate: CalendarDate | null): { rule: string; code: string; message: string; fix: string } {
	switch (code) {
		case 'not-12-digits':
			return { rule: 'RI5', code: 'id-malformed', message: `Số định danh "${digits}" không đúng 12 chữ số.`, fix: PERSONAL_ID_FIX };
		case 'unknown-province':
			return { rule: 'RI5', code: 'id-unknown-province', message, fix: 'Ba chữ số đầu là mã tỉnh nơi đăng ký khai sinh (001–096); kiểm tra lại số trên căn cước.' };
		case 'birth-year-mismatch': {
			// The two-digit year agrees but the century digit does not: the 4th digit is wrong.
			const centuryOnly = birthDate !== null && digits.slice(4, 6) === String(birthDate.year % 100).padStart(2, '0');
			return centuryOnly
				? { rule: 'RI5', code: 'id-century-mismatch', message: `Chữ số thứ 4 của số định danh (${digits[3]}) chỉ thế kỷ sinh khác với năm sinh ${birthDate.year}.`, fix: 'Chữ số thứ 4: 0/1 = sinh 1900–1999, 2/3 = sinh 2000–2099. Kiểm tra lại số định danh hoặc ngày sinh.' }
				: { rule: 'RI5', code: 'id-birth-year-mismatch', message, fix: 'Chữ số thứ 5–6 là hai số cuối năm sinh. Kiểm tra lại số định danh hoặc ngày sinh với giấy tờ.' };
		}
		case 'under-18':
			return { rule: 'RI10', code: 'guardian-under-18', message, fix: 'Cha mẹ hoặc người giám hộ phải đủ 18 tuổi: kiểm tra ngày sinh, hoặc ghi người giám hộ khác.' };
		case 'date-of-birth-in-future':
			return { rule: 'RI4', code: 'date-in-future', message, fix: 'Kiểm tra lại ngày sinh.' };
		default:
			return { rule: 'RI5', code: `id-${code}`, message, fix: 'Kiểm tra lại số định danh và ngày sinh với giấy tờ.' };
	}
}

function readStudent(reader: RowReader, context: RosterContext): StudentRecord | null {
	const moetCode = reader.text('moetCode', 'mã học sinh', 'Ghi mã học sinh do hệ thống CSDL ngành cấp.');
	if (moetCode !== null && !/^[0-9A-Za-z]{1,20}$/.test(moetCode)) reader.error('moetCode', 'RI8', 'moet-code-invalid', `Mã học sinh "${moetCode}" chỉ được gồm chữ và số, tối đa 20 ký tự.`, 'Chép mã học sinh đúng như trên hệ thống CSDL ngành.');
	const fullName = reader.name('fullName', 'họ và tên học sinh');
	const birthDate = reader.read('birthDate', 'RI4', readDate(reader.cell('birthDate')));
	const gender = reader.read('gender', 'RI6', readGender(reader.cell('gender')));
	const personalId = reader.personalId('personalId', birthDate, gender, 'student', context.today, false);
	const classText = tidyText(cellText(reader.cell('className'))).text;
	const cls = context.classes.find((c) => classKey(c.name) === classKey(classText) || classKey(c.code) === classKey(classText));
	if (classText === '') reader.error('className', 'RI7', 'class-missing', 'Thiếu lớp.', 'Ghi tên lớp như trong danh sách lớp của năm học, ví dụ 6A1.');
	else if (!cls) reader.error('className', 'RI7', 'class-unknown', `Lớp "${classText}" không có trong năm học này.`, `Dùng một trong các lớp: ${context.classes.map((c) => c.name).join(', ')}; lớp mới do ban giám hiệu thêm trước ở trang Quản lý nhân sự.`);
	if (moetCode === null || fullName === null || birthDate === null || gender === null || personalId === undefined || !cls) return null;
	return { moetCode, fullName, birthDate: formatIsoDate(birthDate), gender, personalId, classCode: cls.code };
}

function readGuardian(reader: RowReader, slot: GuardianSlot, context: RosterContext): GuardianRecord | null | 'absent' {
	const key = (field: (typeof GUARDIAN_FIELDS)[number]['key']) => `g${slot}.${field}` as ColumnKey;
	if (GUARDIAN_FIELDS.every((f) => isBlank(reader.cell(key(f.key))))) return 'absent';
	const relation = reader.read(key('relation'), 'RI9', readRelation(reader.cell(key('relation'))));
	const fullName = reader.name(key('fullName'), `họ và tên phụ huynh ${slot}`);
	const birthDate = reader.read(key('birthDate'), 'RI4', readDate(reader.cell(key('birthDate'))));
	const personalId = reader.personalId(key('personalId'), birthDate, relation === 'father' ? 'male' : relation === 'mother' ? 'female' : null, 'guardian', context.today, true);
	const phone = reader.read(key('phone'), 'RI11', readPhone(reader.cell(key('phone'))));
	if (relation === null || fullName === null || birthDate === null || !personalId || (phone === null && !isBlank(reader.cell(key('phone'))))) return null;
	const gender: Sex = relation === 'father' ? 'male' : relation === 'mother' ? 'female' : Number(personalId[3]) % 2 === 0 ? 'male' : 'female';
	return { slot, relation, fullName, birthDate: formatIsoDate(birthDate), gender, personalId, phone };
}

/** A row whose every cell is blank (or holds only the running number) is not a student. */
export function isEmptyRow(row: RawRow): boolean {
	return Object.entries(row.cells).every(([, cell]) => isBlank(cell ?? null));
}

/** RI2–RI11 for one row. */
export function validateRosterRow(row: RawRow, context: RosterContext): RowResult {
	const reader = new RowReader(row);
	const student = readStudent(reader, context);
	const guardians: GuardianRecord[] = [];
	let guardianFailed = false;
	for (const slot of GUARDIAN_SLOTS) {
		const guardian = readGuardian(reader, slot, context);
		if (guardian === null) guardianFailed = true;
		else if (guardian !== 'absent') guardians.push(guardian);
	}
	const failed = student === null || guardianFailed;
	return { line: row.line, student: failed ? null : student, guardians: failed ? [] : guardians, issues: reader.issues };
}

/**
 * RI12: duplicates inside the file. A student (by personal ID or MOET code) appears once; a
 * guardian number may appear on several rows (siblings) only with the same name and date of birth;
 * one number is never both a student and a guardian, nor both guardians of one row.
 */
export function findDuplicatesInFile(results: RowResult[]): void {
	const studentById = new Map<string, number>();
	const studentByCode = new Map<string, number>();
	const guardianById = new Map<string, { line: number; fullName: string; birthDate: string }>();
	const duplicateFix = 'Mỗi học sinh chỉ ghi một dòng; xóa dòng trùng hoặc sửa số bị gõ nhầm.';
	const flag = (result: RowResult, column: ColumnKey, code: string, message: string, fix: string) => {
		result.issues.push({ line: result.line, column, rule: 'RI12', code, severity: 'error', message, fix });
		result.student = null;
		result.guardians = [];
	};
	for (const result of results) {
		const student = result.student;
		if (!student) continue;
		const guardians = result.guardians;
		const firstCode = studentByCode.get(student.moetCode);
		if (firstCode !== undefined) flag(result, 'moetCode', 'duplicate-moet-code', `Mã học sinh ${student.moetCode} đã có ở dòng ${firstCode}.`, duplicateFix);
		else studentByCode.set(student.moetCode, result.line);
		if (student.personalId) {
			const first = studentById.get(student.personalId) ?? guardianById.get(student.personalId)?.line;
			if (first !== undefined) flag(result, 'personalId', 'duplicate-student-id', `Số định danh học sinh trùng với dòng ${first}.`, duplicateFix);
			else studentById.set(student.personalId, result.line);
		}
		const [first, second] = guardians;
		if (first && second && first.personalId === second.personalId) {
			flag(result, 'g2.personalId', 'duplicate-guardian-in-row', 'Hai phụ huynh trên cùng dòng có cùng số định danh.', 'Kiểm tra lại số định danh của từng người.');
			continue;
		}
		for (const guardian of guardians) {
			const column = `g${guardian.slot}.personalId` as ColumnKey;
			if (studentById.has(guardian.personalId)) {
				flag(result, column, 'guardian-is-student', `Số định danh phụ huynh trùng với số của học sinh ở dòng ${studentById.get(guardian.personalId)}.`, 'Kiểm tra lại: có thể đã chép nhầm số của học sinh sang cột phụ huynh.');
				continue;
			}
			const seen = guardianById.get(guardian.personalId);
			if (!seen) guardianById.set(guardian.personalId, { line: result.line, fullName: guardian.fullName, birthDate: guardian.birthDate });
			else if (seen.fullName !== guardian.fullName || seen.birthDate !== guardian.birthDate) {
				flag(result, column, 'guardian-differs-in-file', `Số định danh phụ huynh này ở dòng ${seen.line} ghi họ tên hoặc ngày sinh khác.`, 'Một người ghi giống nhau ở mọi dòng (anh chị em ruột): sửa cho thống nhất.');
			}
		}
	}
}

/** Reads and checks every row (RI2–RI12); blank rows are skipped (RI1). */
export function validateRosterRows(rows: readonly RawRow[], context: RosterContext): RowResult[] {
	const results = rows.filter((row) => !isEmptyRow(row)).map((row) => validateRosterRow(row, context));
	findDuplicatesInFile(results);
	return results;
}
