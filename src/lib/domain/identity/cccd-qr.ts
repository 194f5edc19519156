/**
 * The QR code on the chip CCCD card (docs/domain/identity.md §2), rules
 * I10–I11 in SPEC.md:
 *
 *   số CCCD|số CMND cũ|Họ và tên|ngày sinh DDMMYYYY|giới tính|nơi thường trú|ngày cấp DDMMYYYY
 *
 * The QR is not signed: a parsed payload is a data-entry aid and proves
 * nothing about who holds the card. The caller should drop the raw string
 * (it contains the address) as soon as this returns.
 */
import {
	compareCalendarDates,
	formatVietnameseDate,
	parseDdMmYyyy,
	type CalendarDate
} from './calendar-date';
import { hasHiddenCharacter } from './vietnamese-name';
import {
	validateCitizenId,
	type CitizenId,
	type CitizenIdErrorCode,
	type CitizenIdWarning,
	type Sex
} from './citizen-id';

export const CCCD_QR_MIN_FIELDS = 7;

export interface CccdQrData {
	readonly citizenId: CitizenId;
	/** The old 9- or 12-digit CMND, or null when the field is empty. */
	readonly oldIdNumber: string | null;
	/** As printed (usually upper case), NFC, single spaces. */
	readonly fullName: string;
	readonly dateOfBirth: CalendarDate;
	readonly sex: Sex;
	readonly address: string;
	readonly issueDate: CalendarDate;
}

export type CccdQrErrorCode =
	| 'too-few-fields'
	| 'invalid-old-id'
	| 'missing-name'
	| 'hidden-character'
	| 'invalid-date-of-birth'
	| 'invalid-sex'
	| 'invalid-issue-date'
	| 'issue-date-out-of-range';

export type CccdQrError =
	| { readonly ok: false; readonly code: CccdQrErrorCode; readonly message: string }
	| {
			readonly ok: false;
			readonly code: 'invalid-citizen-id';
			readonly cause: CitizenIdErrorCode;
			readonly message: string;
	  };

export type CccdQrResult =
	| { readonly ok: true; readonly data: CccdQrData; readonly warnings: readonly CitizenIdWarning[] }
	| CccdQrError;

const fail = (code: CccdQrErrorCode, message: string): CccdQrError => ({ ok: false, code, message });

function parseSex(text: string): Sex | null {
	const t = text.normalize('NFC').trim().toLocaleLowerCase('vi');
	if (t === 'nam') return 'male';
	if (t === 'nữ') return 'female';
	return null;
}

const tidy = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ');

export function parseCccdQr(payload: string, context: { readonly today: CalendarDate }): CccdQrResult {
	// Scanners often append CR/LF; fields after the seventh are ignored (I10).
	const fields = payload.trim().split('|');
	const [rawId, rawOldId, rawName, rawDob, rawSex, rawAddress, rawIssued] = fields;
	if (
		fields.length < CCCD_QR_MIN_FIELDS ||
		rawId === undefined ||
		rawOldId === undefined ||
		rawName === undefined ||
		rawDob === undefined ||
		rawSex === undefined ||
		rawAddress === undefined ||
		rawIssued === undefined
	) {
		return fail(
			'too-few-fields',
			`Mã QR phải có ít nhất ${CCCD_QR_MIN_FIELDS} trường phân cách bởi dấu |, nhận được ${fields.length}`
		);
	}

	const oldId = rawOldId.trim();
	if (oldId !== '' && !/^(\d{9}|\d{12})$/.test(oldId)) {
		return fail('invalid-old-id', 'Số CMND cũ phải gồm 9 hoặc 12 chữ số');
	}
	// I16: a hidden (bidi or zero-width) character in the name refuses the payload; it is not removed.
	if (hasHiddenCharacter(rawName)) return fail('hidden-character', 'Họ và tên trong mã QR chứa ký tự ẩn (điều khiển hướng chữ hoặc không độ rộng)');
	const fullName = tidy(rawName);
	if (fullName === '') return fail('missing-name', 'Mã QR không có họ và tên');
	const dateOfBirth = parseDdMmYyyy(rawDob.trim());
	if (!dateOfBirth) {
		return fail('invalid-date-of-birth', 'Ngày sinh trong mã QR không hợp lệ (cần dạng DDMMYYYY)');
	}
	const sex = parseSex(rawSex);
	if (!sex) return fail('invalid-sex', 'Giới tính trong mã QR phải là "Nam" hoặc "Nữ"');
	const issueDate = parseDdMmYyyy(rawIssued.trim());
	if (!issueDate) {
		return fail('invalid-issue-date', 'Ngày cấp trong mã QR không hợp lệ (cần dạng DDMMYYYY)');
	}
	if (
		compareCalendarDates(issueDate, dateOfBirth) < 0 ||
		compareCalendarDates(issueDate, context.today) > 0
	) {
		return fail(
			'issue-date-out-of-range',
			`Ngày cấp ${formatVietnameseDate(issueDate)} phải sau ngày sinh và không sau ngày hôm nay`
		);
	}

	const id = validateCitizenId(rawId, { today: context.today, dateOfBirth, sex });
	if (!id.ok) return { ok: false, code: 'invalid-citizen-id', cause: id.code, message: id.message };

	return {
		ok: true,
		data: {
			citizenId: id.id,
			oldIdNumber: oldId === '' ? null : oldId,
			fullName,
			dateOfBirth,
			sex,
			address: tidy(rawAddress),
			issueDate
		},
		warnings: id.warnings
	};
}
