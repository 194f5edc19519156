/**
 * Roster RI17: the name of a class a school leader adds to the current year, read as the school
 * writes it ("6a5", "6 A5", "6/5") and checked before anything is stored: its grade comes first
 * (6–9 in a lower secondary school), its code — the part of document names and URLs — is derived
 * from it, and it must not be a class the year already has (by name or code, RI7's comparison).
 */
import { isGrade, type Grade } from '../curriculum/subjects';

export const MAX_CLASS_NAME_LENGTH = 10;

/** RI7: how a class named in a file or a form is compared with the year's classes. */
export const classKey = (text: string) => text.normalize('NFC').replace(/\s+/g, '').toLocaleLowerCase('vi');

export type NewClassCheck = { ok: true; name: string; code: string; grade: Grade } | { ok: false; message: string; fix: string };

const EXAMPLE = 'Ví dụ: 6A5, 7A1 hoặc 8/3.';

/** A class name as the school writes it, read the way RI17 stores it: "6 a5" → "6A5". */
export const classNameAsWritten = (text: string) => text.normalize('NFC').replace(/\s+/g, '').toUpperCase();

export function checkNewClass(text: string, existing: ReadonlyArray<{ code: string; name: string }>): NewClassCheck {
	const name = classNameAsWritten(text);
	if (name === '') return { ok: false, message: 'Chưa nhập tên lớp.', fix: EXAMPLE };
	const shape = /^(\d+)([A-Z./-][A-Z0-9./-]*)$/.exec(name);
	if (name.length > MAX_CLASS_NAME_LENGTH || !shape || !/[A-Z0-9]$/.test(name)) {
		return { ok: false, message: `Tên lớp "${text.trim()}" không đúng dạng: khối trước, rồi tên lớp trong khối, chỉ gồm chữ không dấu, chữ số và / . - (tối đa ${MAX_CLASS_NAME_LENGTH} ký tự).`, fix: EXAMPLE };
	}
	const grade = Number(shape[1]);
	if (!isGrade(grade)) return { ok: false, message: `Trường THCS chỉ có các khối 6, 7, 8 và 9; "${name}" là lớp khối ${grade}.`, fix: EXAMPLE };
	const code = name.toLowerCase().replace(/[./]/g, '-');
	const clash = existing.find((c) => c.code === code || classKey(c.name) === classKey(name) || classKey(c.code) === classKey(name));
	if (clash) return { ok: false, message: `Lớp ${clash.name} đã có trong năm học này.`, fix: 'Chọn lớp đó ở mục Phân công giảng dạy.' };
	return { ok: true, name, code, grade };
}
