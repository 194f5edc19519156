/**
 * What a teacher types into a grade cell, parsed at the UI boundary into exact values.
 * TT22 Điều 5: scores are on a 10-point scale, integers or one decimal place; comment subjects
 * record Đạt / Chưa đạt. Scores are kept as integer tenths so nothing ever drifts.
 */

export type CommentMark = 'Đ' | 'CĐ';

export type MarkInput =
	| { ok: true; kind: 'empty' }
	| { ok: true; kind: 'score'; tenths: number }
	| { ok: true; kind: 'comment'; mark: CommentMark }
	| { ok: false; message: string };

// Trailing zeros are harmless ("7,50", "10.0" from a spreadsheet formatted with two decimals).
const SCORE = /^(\d{1,2})(?:[.,](\d)0*)?$/;

/** "7,5" and "7.5" → 75 tenths; "10" → 100; "10.5", "7.25", "abc" → a Vietnamese message. */
export function parseScoreInput(raw: string): MarkInput {
	const text = raw.trim();
	if (text === '') return { ok: true, kind: 'empty' };
	const match = SCORE.exec(text);
	if (!match) {
		if (/^\d{1,2}[.,]\d{2,}$/.test(text)) return { ok: false, message: 'Điểm chỉ được có một chữ số thập phân (ví dụ 7,5).' };
		return { ok: false, message: `"${text}" không phải là điểm. Nhập số từ 0 đến 10, ví dụ 8 hoặc 7,5.` };
	}
	const tenths = Number(match[1]) * 10 + Number(match[2] ?? '0');
	if (tenths > 100) return { ok: false, message: 'Điểm phải từ 0 đến 10.' };
	return { ok: true, kind: 'score', tenths };
}

/** Đ / CĐ, also typed without diacritics or in lower case ("d", "cd", "dat", "chua dat"). */
export function parseCommentInput(raw: string): MarkInput {
	const folded = raw
		.trim()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/gi, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ');
	if (folded === '') return { ok: true, kind: 'empty' };
	if (folded === 'd' || folded === 'dat') return { ok: true, kind: 'comment', mark: 'Đ' };
	if (folded === 'cd' || folded === 'chua dat') return { ok: true, kind: 'comment', mark: 'CĐ' };
	return { ok: false, message: `"${raw.trim()}" không hợp lệ. Nhập Đ (Đạt) hoặc CĐ (Chưa đạt).` };
}

/** 75 → "7,5"; 100 → "10": Vietnamese decimal comma. */
export function formatTenths(tenths: number): string {
	const whole = Math.trunc(tenths / 10);
	const rest = tenths % 10;
	return rest === 0 ? String(whole) : `${whole},${rest}`;
}
