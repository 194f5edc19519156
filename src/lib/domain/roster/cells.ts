/**
 * One spreadsheet cell as a school's file holds it, read into a value (roster SPEC RI2–RI6, RI9,
 * RI11). A cell is what the server's .xlsx/.csv reader hands over: text, a number (Excel stores
 * dates as serial numbers and ID numbers typed without a leading apostrophe as numbers), a date
 * the reader already recognised (`{ date: 'YYYY-MM-DD' }`), or nothing.
 */
import { isValidCalendarDate, parseIsoDate, type CalendarDate } from '../identity/calendar-date';
import type { Sex } from '../identity/citizen-id';

export type RawCell = string | number | { readonly date: string } | null;

/** A cell read into a value, with what was repaired on the way (shown as a note, never blocking). */
export type CellRead<T> =
	| { readonly ok: true; readonly value: T; readonly repaired?: CellRepair }
	| { readonly ok: false; readonly code: string; readonly message: string; readonly fix: string };

export interface CellRepair {
	readonly code: 'spaces' | 'decomposed-unicode' | 'excel-serial-date' | 'lost-leading-zero';
	readonly message: string;
}

const NBSP_AND_FRIENDS = /[\u00A0\u2007\u202F\u3000]/g;

/** RI2: NFC, no-break spaces as spaces, trimmed, single spaces; says what changed. */
export function tidyText(raw: string): { text: string; repaired?: CellRepair } {
	const nfc = raw.normalize('NFC');
	const text = nfc.replace(NBSP_AND_FRIENDS, ' ').trim().replace(/\s+/g, ' ');
	if (nfc !== raw) return { text, repaired: { code: 'decomposed-unicode', message: 'Chữ có dấu ở dạng tổ hợp (NFD) đã được chuẩn hóa (NFC).' } };
	if (text !== raw) return { text, repaired: { code: 'spaces', message: 'Đã bỏ khoảng trắng thừa.' } };
	return { text };
}

/** The cell as text ('' when empty); numbers as Excel shows them without formatting. */
export function cellText(cell: RawCell): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
	if (typeof cell === 'string') return cell;
	return cell.date;
}

export const isBlank = (cell: RawCell): boolean => cellText(cell).trim() === '';

/** Excel's 1900 date system: serial 1 = 1900-01-01 and the phantom 29 Feb 1900 is serial 60. */
export function excelSerialToDate(serial: number): CalendarDate | null {
	if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465 || serial === 60) return null;
	const days = serial > 60 ? serial - 1 : serial;
	const utc = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
	return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

const DATE_FIX = 'Ghi ngày theo dạng ngày/tháng/năm, ví dụ 05/09/2013, hoặc định dạng ô là Ngày (Date) trong Excel.';

/** RI4: dd/mm/yyyy (also with - or .), ISO yyyy-mm-dd, an Excel serial number, or a date cell. */
export function readDate(cell: RawCell): CellRead<CalendarDate> {
	if (typeof cell === 'number') {
		const date = excelSerialToDate(cell);
		if (!date) return { ok: false, code: 'date-invalid', message: `Ô ngày chứa số ${cellText(cell)}, không phải một ngày.`, fix: DATE_FIX };
		return { ok: true, value: date, repaired: { code: 'excel-serial-date', message: `Excel lưu ngày dưới dạng số (${cellText(cell)}); đã đọc thành ${formatDmy(date)}.` } };
	}
	const text = tidyText(cellText(cell)).text;
	if (text === '') return { ok: false, code: 'date-missing', message: 'Thiếu ngày sinh.', fix: DATE_FIX };
	const iso = parseIsoDate(text);
	if (iso) return { ok: true, value: iso };
	const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
	if (m) {
		const date = { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) };
		if (isValidCalendarDate(date)) return { ok: true, value: date };
		return { ok: false, code: 'date-invalid', message: `Ngày ${text} không tồn tại (ngày/tháng/năm).`, fix: DATE_FIX };
	}
	return { ok: false, code: 'date-invalid', message: `"${text}" không phải ngày theo dạng ngày/tháng/năm.`, fix: DATE_FIX };
}

const formatDmy = (d: CalendarDate) => `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;

const ID_FIX_TEXT = 'Trong Excel, định dạng cột số định danh là Văn bản (Text) rồi gõ lại đủ 12 chữ số, kể cả số 0 ở đầu.';

/**
 * RI5: the personal ID as text. Excel turns "001213000123" typed into a General cell into the
 * number 1213000123; province codes start with 0 (001–096), so one or two leading zeros are lost.
 * A 10- or 11-digit value is padded back to 12 and the repair is shown; the I-rules then check it.
 */
export function readPersonalIdDigits(cell: RawCell): CellRead<string | null> {
	const text = cellText(cell).normalize('NFC').replace(/[\s.\u00A0]/g, '').replace(/^'/, '');
	if (text === '') return { ok: true, value: null };
	if (/^\d{10,11}$/.test(text)) {
		const value = text.padStart(12, '0');
		return { ok: true, value, repaired: { code: 'lost-leading-zero', message: `Số định danh chỉ có ${text.length} chữ số (Excel đã bỏ số 0 ở đầu); đã đọc thành ${value.slice(0, 4)}…` } };
	}
	return { ok: true, value: text };
}

export const PERSONAL_ID_FIX = ID_FIX_TEXT;

/** RI6: "Nam" / "Nữ" (any case, NFC or NFD; "Nu" without the hook too). */
export function readGender(cell: RawCell): CellRead<Sex> {
	const text = tidyText(cellText(cell)).text.toLocaleLowerCase('vi');
	if (text === 'nam') return { ok: true, value: 'male' };
	if (text === 'nữ' || text === 'nu') return { ok: true, value: 'female' };
	return { ok: false, code: 'gender-invalid', message: text === '' ? 'Thiếu giới tính.' : `Giới tính "${text}" không hợp lệ.`, fix: 'Ghi "Nam" hoặc "Nữ".' };
}

export type Relation = 'father' | 'mother' | 'guardian';

export const RELATION_NAMES: Record<Relation, string> = { father: 'Cha', mother: 'Mẹ', guardian: 'Người giám hộ' };

const RELATION_WORDS: Record<string, Relation> = {
	cha: 'father',
	bố: 'father',
	ba: 'father',
	mẹ: 'mother',
	má: 'mother',
	'người giám hộ': 'guardian',
	'giám hộ': 'guardian'
};

/** RI9: cha (bố, ba) / mẹ (má) / người giám hộ. */
export function readRelation(cell: RawCell): CellRead<Relation> {
	const text = tidyText(cellText(cell)).text.toLocaleLowerCase('vi');
	const relation = RELATION_WORDS[text];
	if (relation) return { ok: true, value: relation };
	return { ok: false, code: 'relation-invalid', message: text === '' ? 'Thiếu quan hệ với học sinh.' : `Quan hệ "${text}" không hợp lệ.`, fix: 'Ghi "Cha", "Mẹ" hoặc "Người giám hộ".' };
}

/** RI11: a Vietnamese phone number, 10 digits from 0; +84/84 becomes 0; a lost leading zero is put back. */
export function readPhone(cell: RawCell): CellRead<string | null> {
	let digits = cellText(cell).replace(/[\s.\-()\u00A0]/g, '').replace(/^'/, '');
	if (digits === '') return { ok: true, value: null };
	if (/^\+84\d{9}$/.test(digits)) digits = `0${digits.slice(3)}`;
	else if (/^84\d{9}$/.test(digits)) digits = `0${digits.slice(2)}`;
	if (/^[1-9]\d{8}$/.test(digits)) {
		return { ok: true, value: `0${digits}`, repaired: { code: 'lost-leading-zero', message: 'Số điện thoại mất số 0 ở đầu (Excel lưu thành số); đã thêm lại.' } };
	}
	if (/^0\d{9}$/.test(digits)) return { ok: true, value: digits };
	return { ok: false, code: 'phone-invalid', message: `Số điện thoại "${cellText(cell)}" không hợp lệ.`, fix: 'Ghi 10 chữ số bắt đầu bằng 0, ví dụ 0912345678; định dạng cột là Văn bản.' };
}
