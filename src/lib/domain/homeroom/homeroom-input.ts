/**
 * What the homeroom teacher types, parsed at the UI boundary (H1–H2 in SPEC.md): a conduct level
 * (TT22 Điều 8: Tốt / Khá / Đạt / Chưa đạt) and the sessions absent in a term (buổi, Điều 12),
 * có phép and không phép each.
 * Typing without diacritics or by initial is accepted, because this is entered for 45 students
 * in a row on a keyboard or a phone.
 */
import type { Level } from '../tt22';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Upper bound for one term; a school year has about 175 school days. */
export const MAX_TERM_ABSENCES = 200;

function fold(raw: string): string {
	return raw
		.trim()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/gi, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ');
}

const CONDUCT: Readonly<Record<string, Level>> = {
	t: 'Tốt',
	tot: 'Tốt',
	k: 'Khá',
	kha: 'Khá',
	d: 'Đạt',
	dat: 'Đạt',
	cd: 'Chưa đạt',
	'chua dat': 'Chưa đạt',
	c: 'Chưa đạt'
};

/** H1: "T", "tốt", "Tot" → Tốt; "K" → Khá; "Đ", "D", "dat" → Đạt; "CĐ", "cd", "chua dat" → Chưa đạt; "" → not set. */
export function parseConductInput(raw: string): Parsed<Level | null> {
	const folded = fold(raw);
	if (folded === '') return { ok: true, value: null };
	const level = CONDUCT[folded];
	if (level) return { ok: true, value: level };
	return { ok: false, message: `"${raw.trim()}" không hợp lệ. Nhập T (Tốt), K (Khá), Đ (Đạt) hoặc CĐ (Chưa đạt).` };
}

/**
 * H2: a whole number of sessions, 0…200; "" → not entered yet (never 0). `kind` names the count
 * in the message ("Số buổi nghỉ có phép …").
 */
export function parseAbsencesInput(raw: string, kind = ''): Parsed<number | null> {
	const text = raw.trim();
	const what = kind === '' ? 'Số buổi nghỉ' : `Số buổi nghỉ ${kind}`;
	if (text === '') return { ok: true, value: null };
	if (!/^\d{1,3}$/.test(text)) return { ok: false, message: `${what} phải là một số nguyên không âm, ví dụ 0 hoặc 3.` };
	const value = Number(text);
	if (value > MAX_TERM_ABSENCES) return { ok: false, message: `${what} trong một học kì không quá ${MAX_TERM_ABSENCES}.` };
	return { ok: true, value };
}

/** Short form for a compact cell: Tốt → "T", Chưa đạt → "CĐ". */
export const CONDUCT_SHORT: Readonly<Record<Level, string>> = { Tốt: 'T', Khá: 'K', Đạt: 'Đ', 'Chưa đạt': 'CĐ' };
