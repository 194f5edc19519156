/**
 * The chip card's QR compared with the declared guardian (guardianship SPEC GV7): personal ID
 * exactly, name as the same person's name (identity I17: the card prints upper case), date of
 * birth to the day. Every field is reported, so the desk can show each mismatch side by side.
 */
import { formatIsoDate, formatVietnameseDate, parseIsoDate } from '../identity/calendar-date';
import type { CccdQrData } from '../identity/cccd-qr';
import { sameVietnameseName, toVietnameseNameCase } from '../identity/vietnamese-name';

export interface DeclaredGuardian {
	personalId: string;
	fullName: string;
	/** ISO `YYYY-MM-DD`. */
	birthDate: string;
}

export interface FieldComparison {
	field: 'personalId' | 'fullName' | 'birthDate';
	label: string;
	declared: string;
	scanned: string;
	match: boolean;
}

export function compareCardWithDeclared(card: CccdQrData, declared: DeclaredGuardian): { fields: FieldComparison[]; allMatch: boolean } {
	const declaredDate = parseIsoDate(declared.birthDate);
	const fields: FieldComparison[] = [
		{ field: 'personalId', label: 'Số định danh', declared: declared.personalId, scanned: card.citizenId, match: declared.personalId === card.citizenId },
		{ field: 'fullName', label: 'Họ và tên', declared: declared.fullName, scanned: toVietnameseNameCase(card.fullName), match: sameVietnameseName(declared.fullName, card.fullName) },
		{
			field: 'birthDate',
			label: 'Ngày sinh',
			declared: declaredDate ? formatVietnameseDate(declaredDate) : declared.birthDate,
			scanned: formatVietnameseDate(card.dateOfBirth),
			match: declaredDate !== null && formatIsoDate(declaredDate) === formatIsoDate(card.dateOfBirth)
		}
	];
	return { fields, allMatch: fields.every((f) => f.match) };
}
