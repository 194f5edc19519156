/**
 * Adding a person a school did not register itself (I18): the number alone must never be enough to
 * claim someone, so the declared full name and date of birth must match the registered record.
 * The answer is a bare yes/no, so a caller cannot tell which field differed.
 */
import { parseIsoDate } from './calendar-date';
import { sameVietnameseName } from './vietnamese-name';

export interface DeclaredIdentity {
	fullName: string;
	/** ISO `YYYY-MM-DD`. */
	birthDate: string;
}

export function matchesRegisteredIdentity(declared: DeclaredIdentity, registered: DeclaredIdentity): boolean {
	const declaredDate = parseIsoDate(declared.birthDate);
	const registeredDate = parseIsoDate(registered.birthDate);
	const sameDate =
		declaredDate !== null &&
		registeredDate !== null &&
		declaredDate.year === registeredDate.year &&
		declaredDate.month === registeredDate.month &&
		declaredDate.day === registeredDate.day;
	// Both checks always run: the time taken does not tell which field differed.
	const sameName = sameVietnameseName(declared.fullName, registered.fullName);
	return sameDate && sameName;
}
