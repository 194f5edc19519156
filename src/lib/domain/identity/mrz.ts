/**
 * Machine-readable zone on the back of the card: ICAO 9303 TD1, three lines of
 * 30 characters (docs/domain/identity.md §3.2), rules I12–I13 in SPEC.md.
 *
 * The MRZ only feeds BAC/PACE keys and data entry; like the QR, reading it
 * proves nothing without the chip's passive authentication.
 */
import { isValidCalendarDate, type CalendarDate } from './calendar-date';
import { decodeCitizenId, type CitizenId, type CitizenIdWarning, type Sex } from './citizen-id';

export const TD1_LINE_LENGTH = 30;

/** ICAO 9303 Part 3: 0–9 → 0–9, A–Z → 10–35, `<` → 0; anything else is not MRZ. */
export function mrzCharValue(ch: string): number | null {
	if (ch.length !== 1) return null;
	if (ch === '<') return 0;
	const code = ch.charCodeAt(0);
	if (code >= 48 && code <= 57) return code - 48;
	if (code >= 65 && code <= 90) return code - 55;
	return null;
}

const WEIGHTS = [7, 3, 1] as const;

/** Weighted sum with 7, 3, 1 repeating, mod 10; null if a character is not MRZ. */
export function mrzCheckDigit(text: string): number | null {
	let sum = 0;
	for (let i = 0; i < text.length; i++) {
		const value = mrzCharValue(text.charAt(i));
		if (value === null) return null;
		sum += value * WEIGHTS[i % 3]!;
	}
	return sum % 10;
}

export interface Td1Lines {
	readonly line1: string;
	readonly line2: string;
	readonly line3: string;
}

/** Line 1 pos 6–30, line 2 pos 1–7, 9–15 and 19–29 (1-based, as in ICAO). */
export function td1CompositeInput(lines: Td1Lines): string {
	const { line1, line2 } = lines;
	return line1.slice(5, 30) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29);
}

export type Td1CheckField = 'document-number' | 'date-of-birth' | 'expiry-date' | 'composite';

/** The four ICAO-mandated TD1 check digits; returns the fields that fail. */
export function failingTd1CheckDigits(lines: Td1Lines): Td1CheckField[] {
	const { line1, line2 } = lines;
	const checks: [Td1CheckField, string, string][] = [
		['document-number', line1.slice(5, 14), line1.charAt(14)],
		['date-of-birth', line2.slice(0, 6), line2.charAt(6)],
		['expiry-date', line2.slice(8, 14), line2.charAt(14)],
		['composite', td1CompositeInput(lines), line2.charAt(29)]
	];
	return checks
		.filter(([, text, digit]) => String(mrzCheckDigit(text)) !== digit)
		.map(([field]) => field);
}

export type MrzErrorCode =
	| 'wrong-shape'
	| 'not-vietnamese-id'
	| 'check-digit'
	| 'invalid-citizen-id'
	| 'document-number-mismatch'
	| 'invalid-date-of-birth'
	| 'invalid-sex'
	| 'invalid-expiry-date';

export interface MrzError {
	readonly ok: false;
	readonly code: MrzErrorCode;
	readonly message: string;
}

export interface VietnameseIdMrz {
	/** Line 1 pos 6–14: the last 9 digits of the personal ID. */
	readonly documentNumber: string;
	readonly citizenId: CitizenId;
	readonly dateOfBirth: CalendarDate;
	readonly sex: Sex;
	/** May be in the past: a student's card expires at 14 and records must tolerate it. */
	readonly expiryDate: CalendarDate;
	readonly nationality: string;
	/** Upper-case ASCII without diacritics, as printed on line 3. */
	readonly surname: string;
	readonly givenNames: string;
}

export type VietnameseIdMrzResult =
	| { readonly ok: true; readonly data: VietnameseIdMrz; readonly warnings: readonly CitizenIdWarning[] }
	| MrzError;

const fail = (code: MrzErrorCode, message: string): MrzError => ({ ok: false, code, message });

/** Accepts the OCR text (lines split by newlines) or the three lines. */
export function toTd1Lines(input: string | readonly string[]): Td1Lines | null {
	const raw = typeof input === 'string' ? input.split(/\r?\n/) : input;
	const lines = raw.map((l) => l.trim().toUpperCase()).filter((l) => l !== '');
	const [line1, line2, line3] = lines;
	if (lines.length !== 3 || line1 === undefined || line2 === undefined || line3 === undefined) {
		return null;
	}
	const shape = new RegExp(`^[A-Z0-9<]{${TD1_LINE_LENGTH}}$`);
	return lines.every((l) => shape.test(l)) ? { line1, line2, line3 } : null;
}

/** Reading order on the card, so messages list fields the way a clerk sees them. */
const CHECK_ORDER = ['document-number', 'citizen-id', 'date-of-birth', 'expiry-date', 'composite'] as const;

const CHECK_FIELD_LABEL: Record<Td1CheckField | 'citizen-id', string> = {
	'document-number': 'số giấy tờ',
	'citizen-id': 'số định danh',
	'date-of-birth': 'ngày sinh',
	'expiry-date': 'ngày hết hạn',
	composite: 'tổng hợp'
};

/** Two digits at a 0-based offset; NaN when they are not digits (then no date is valid). */
function twoDigits(line: string, offset: number): number {
	const text = line.slice(offset, offset + 2);
	return /^\d\d$/.test(text) ? Number(text) : Number.NaN;
}

/** Smallest year ≥ `from` whose last two digits are `yy`. */
function yearOnOrAfter(from: number, yy: number): number {
	const candidate = from - (from % 100) + yy;
	return candidate >= from ? candidate : candidate + 100;
}

function namesFromLine3(line3: string): { surname: string; givenNames: string } {
	const separator = line3.indexOf('<<');
	const surnamePart = separator === -1 ? line3 : line3.slice(0, separator);
	const givenPart = separator === -1 ? '' : line3.slice(separator + 2);
	const words = (s: string) => s.split('<').filter((w) => w !== '').join(' ');
	return { surname: words(surnamePart), givenNames: words(givenPart) };
}

/** I13: the Vietnamese card layout, every check digit verified. */
export function parseVietnameseIdMrz(input: string | readonly string[]): VietnameseIdMrzResult {
	const lines = toTd1Lines(input);
	if (!lines) {
		return fail('wrong-shape', 'Vùng MRZ phải gồm 3 dòng, mỗi dòng 30 ký tự A–Z, 0–9 hoặc <');
	}
	const { line1, line2, line3 } = lines;
	if (!line1.startsWith('IDVNM')) {
		return fail('not-vietnamese-id', 'Dòng 1 của MRZ phải bắt đầu bằng IDVNM (thẻ căn cước Việt Nam)');
	}
	const icaoFailing = failingTd1CheckDigits(lines);
	const idDigits = line1.slice(15, 27);
	// Line 1 pos 30 checks the 12-digit ID: observed on Vietnamese cards, not ICAO-mandated.
	const idFailing = String(mrzCheckDigit(idDigits)) !== line1.charAt(29);
	const failing = CHECK_ORDER.filter((f) => (f === 'citizen-id' ? idFailing : icaoFailing.includes(f)));
	if (failing.length > 0) {
		const fields = failing.map((f) => CHECK_FIELD_LABEL[f]).join(', ');
		return fail('check-digit', `Sai chữ số kiểm tra của MRZ: ${fields}`);
	}

	const id = decodeCitizenId(idDigits);
	if (!id.ok) return fail('invalid-citizen-id', id.message);
	const documentNumber = line1.slice(5, 14);
	if (documentNumber !== idDigits.slice(3)) {
		return fail('document-number-mismatch', 'Số giấy tờ trong MRZ không phải 9 chữ số cuối của số định danh');
	}

	const dateOfBirth = { year: id.birthYear, month: twoDigits(line2, 2), day: twoDigits(line2, 4) };
	if (twoDigits(line2, 0) !== id.birthYear % 100 || !isValidCalendarDate(dateOfBirth)) {
		return fail('invalid-date-of-birth', 'Ngày sinh trong MRZ không hợp lệ hoặc không khớp năm sinh trong số định danh');
	}

	const sexChar = line2.charAt(7);
	if (sexChar !== 'M' && sexChar !== 'F') return fail('invalid-sex', 'Giới tính trong MRZ phải là M hoặc F');
	const sex: Sex = sexChar === 'M' ? 'male' : 'female';

	const expiryDate = {
		year: yearOnOrAfter(id.birthYear, twoDigits(line2, 8)),
		month: twoDigits(line2, 10),
		day: twoDigits(line2, 12)
	};
	if (!isValidCalendarDate(expiryDate)) {
		return fail('invalid-expiry-date', 'Ngày hết hạn trong MRZ không hợp lệ');
	}

	const warnings: CitizenIdWarning[] = [];
	if (sex !== id.sex) {
		warnings.push({
			code: 'sex-mismatch',
			message: 'Giới tính trong MRZ khác giới tính theo số định danh; cần đối chiếu hồ sơ hộ tịch'
		});
	}
	return {
		ok: true,
		data: {
			documentNumber,
			citizenId: id.id,
			dateOfBirth,
			sex,
			expiryDate,
			nationality: line2.slice(15, 18).replace(/</g, ''),
			...namesFromLine3(line3)
		},
		warnings
	};
}
