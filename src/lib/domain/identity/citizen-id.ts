/**
 * The 12-digit personal identification number (số định danh cá nhân).
 * Rules I1–I9 in SPEC.md; source: docs/domain/identity.md §1 and §1.2.
 */
import {
	ageOn,
	compareCalendarDates,
	formatVietnameseDate,
	isValidCalendarDate,
	type CalendarDate
} from './calendar-date';
import { isProvinceCode, provinceByCode, type Province, type ProvinceCode } from './province-codes';

declare const citizenIdBrand: unique symbol;
/** A normalised, structurally valid 12-digit number (rules I1–I3 hold). */
export type CitizenId = string & { readonly [citizenIdBrand]: true };

export type Sex = 'male' | 'female';

/** Who the number is declared for; drives the plausibility rule I6. */
export type CitizenIdRole = 'student' | 'guardian' | 'staff';

export type CitizenIdErrorCode =
	| 'not-12-digits'
	| 'unknown-province'
	| 'birth-year-in-future'
	| 'invalid-date-of-birth'
	| 'date-of-birth-in-future'
	| 'birth-year-mismatch'
	| 'under-18';

export type CitizenIdWarningCode = 'sex-mismatch' | 'may-be-under-18' | 'student-age-unusual';

export interface CitizenIdError {
	readonly ok: false;
	readonly code: CitizenIdErrorCode;
	readonly message: string;
}

export interface CitizenIdWarning {
	readonly code: CitizenIdWarningCode;
	readonly message: string;
}

export interface DecodedCitizenId {
	readonly ok: true;
	readonly id: CitizenId;
	readonly province: Province;
	readonly sex: Sex;
	readonly birthYear: number;
}

export interface ValidCitizenId extends DecodedCitizenId {
	readonly warnings: readonly CitizenIdWarning[];
}

export interface CitizenIdContext {
	/** Passed in, never read from a clock (the domain is pure). */
	readonly today: CalendarDate;
	readonly dateOfBirth?: CalendarDate;
	readonly sex?: Sex;
	readonly role?: CitizenIdRole;
}

const ADULT_AGE = 18;
/** I6: a THCS student is usually 11–15, counted by birth year as schools do. */
const STUDENT_MIN_AGE = 11;
const STUDENT_MAX_AGE = 15;

const SEX_LABEL: Record<Sex, string> = { male: 'nam', female: 'nữ' };
const ADULT_ROLE_LABEL: Record<Exclude<CitizenIdRole, 'student'>, string> = {
	guardian: 'Cha mẹ hoặc người giám hộ',
	staff: 'Cán bộ, giáo viên'
};

const fail = (code: CitizenIdErrorCode, message: string): CitizenIdError => ({
	ok: false,
	code,
	message
});

/** I1: trim, then drop the spaces and dots people type as separators. */
export function normaliseCitizenIdInput(raw: string): string {
	return raw.trim().replace(/[\s.]/g, '');
}

/** I3: digit 4 encodes century and sex; even = male, odd = female. */
function decodeCenturyDigit(digit: number): { base: number; sex: Sex } {
	return { base: 1900 + 100 * Math.floor(digit / 2), sex: digit % 2 === 0 ? 'male' : 'female' };
}

/** Structure only (I1–I3): no clock, no declared data. */
export function decodeCitizenId(raw: string): DecodedCitizenId | CitizenIdError {
	const digits = normaliseCitizenIdInput(raw);
	if (!/^[0-9]{12}$/.test(digits)) {
		return fail('not-12-digits', 'Số định danh phải gồm đúng 12 chữ số');
	}
	const province = provinceByCode(digits.slice(0, 3));
	if (!province) {
		return fail(
			'unknown-province',
			`Mã tỉnh ${digits.slice(0, 3)} không có trong danh mục 63 mã tỉnh, thành phố`
		);
	}
	const { base, sex } = decodeCenturyDigit(Number(digits[3]));
	const birthYear = base + Number(digits.slice(4, 6));
	return { ok: true, id: digits as CitizenId, province, sex, birthYear };
}

export function isCitizenId(value: string): value is CitizenId {
	return normaliseCitizenIdInput(value) === value && decodeCitizenId(value).ok;
}

/** Full offline validation, rules I1–I6. */
export function validateCitizenId(raw: string, context: CitizenIdContext): ValidCitizenId | CitizenIdError {
	const decoded = decodeCitizenId(raw);
	if (!decoded.ok) return decoded;
	const { today, dateOfBirth, sex, role } = context;
	const { birthYear } = decoded;

	if (birthYear > today.year) {
		return fail(
			'birth-year-in-future',
			`Số định danh cho năm sinh ${birthYear}, sau năm hiện tại ${today.year}`
		);
	}
	if (dateOfBirth) {
		const declaredError = checkDeclaredDateOfBirth(birthYear, dateOfBirth, today);
		if (declaredError) return declaredError;
	}

	const warnings: CitizenIdWarning[] = [];
	if (role) {
		const roleOutcome = checkRole(role, birthYear, dateOfBirth, today);
		if (roleOutcome && 'ok' in roleOutcome) return roleOutcome;
		if (roleOutcome) warnings.push(roleOutcome);
	}
	// I5: sex can be re-registered without a new number, so only warn.
	if (sex && sex !== decoded.sex) {
		warnings.push({
			code: 'sex-mismatch',
			message: `Giới tính theo số định danh (${SEX_LABEL[decoded.sex]}) khác giới tính đã khai (${SEX_LABEL[sex]}); cần đối chiếu hồ sơ hộ tịch`
		});
	}
	return { ...decoded, warnings };
}

/** I4: the declared date of birth must be a real past date in the number's birth year. */
function checkDeclaredDateOfBirth(
	birthYear: number,
	dateOfBirth: CalendarDate,
	today: CalendarDate
): CitizenIdError | null {
	if (!isValidCalendarDate(dateOfBirth)) {
		return fail('invalid-date-of-birth', 'Ngày sinh đã khai không hợp lệ');
	}
	const shown = formatVietnameseDate(dateOfBirth);
	if (compareCalendarDates(dateOfBirth, today) > 0) {
		return fail('date-of-birth-in-future', `Ngày sinh đã khai (${shown}) là một ngày trong tương lai`);
	}
	if (dateOfBirth.year !== birthYear) {
		return fail(
			'birth-year-mismatch',
			`Năm sinh trong số định danh (${birthYear}) không khớp với ngày sinh đã khai (${shown})`
		);
	}
	return null;
}

/** I6: adults must be ≥ 18 (error); an unusual student age is only a warning. */
function checkRole(
	role: CitizenIdRole,
	birthYear: number,
	dateOfBirth: CalendarDate | undefined,
	today: CalendarDate
): CitizenIdError | CitizenIdWarning | null {
	if (role === 'student') {
		const age = today.year - birthYear;
		if (age >= STUDENT_MIN_AGE && age <= STUDENT_MAX_AGE) return null;
		return {
			code: 'student-age-unusual',
			message: `Học sinh THCS thường từ ${STUDENT_MIN_AGE} đến ${STUDENT_MAX_AGE} tuổi; số định danh cho năm sinh ${birthYear} (${age} tuổi tính theo năm sinh)`
		};
	}
	const label = ADULT_ROLE_LABEL[role];
	// Without a full date of birth the age is only known to within one year.
	const maxAge = dateOfBirth ? ageOn(dateOfBirth, today) : today.year - birthYear;
	const minAge = dateOfBirth ? maxAge : maxAge - 1;
	if (maxAge < ADULT_AGE) {
		return fail('under-18', `${label} phải đủ 18 tuổi; số định danh cho năm sinh ${birthYear}`);
	}
	if (minAge < ADULT_AGE) {
		return {
			code: 'may-be-under-18',
			message: `${label} sinh năm ${birthYear} có thể chưa đủ 18 tuổi; cần ngày sinh đầy đủ để xác định`
		};
	}
	return null;
}

/** I8: first 4 digits, 6 asterisks, last 2 (`0790******12`). */
export function maskCitizenId(id: CitizenId): string {
	return `${id.slice(0, 4)}******${id.slice(10)}`;
}

export interface CitizenIdParts {
	readonly province: ProvinceCode;
	readonly sex: Sex;
	readonly birthYear: number;
	/** The 6-digit sequence, 0–999999. */
	readonly serial: number;
}

/**
 * I9: the inverse of decoding, for seeds and tests. Bad parts are a
 * programming error, not user input, so they throw.
 */
export function encodeCitizenId(parts: CitizenIdParts): CitizenId {
	const { province, sex, birthYear, serial } = parts;
	if (!isProvinceCode(province)) throw new RangeError(`unknown province code ${province}`);
	if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2399) {
		throw new RangeError(`birth year ${birthYear} outside 1900–2399`);
	}
	if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) {
		throw new RangeError(`serial ${serial} outside 0–999999`);
	}
	const centuryDigit = 2 * Math.floor((birthYear - 1900) / 100) + (sex === 'female' ? 1 : 0);
	const yy = String(birthYear % 100).padStart(2, '0');
	return `${province}${centuryDigit}${yy}${String(serial).padStart(6, '0')}` as CitizenId;
}
