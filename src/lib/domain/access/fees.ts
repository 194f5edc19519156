/**
 * Who may do what with a school's fees (issue 12 §4; server SPEC FA1–FA3 in src/lib/server/fees/SPEC.md).
 * Decided from the grants like every other route; pages only mirror the answer.
 */
import type { Grants } from './grants';

/** FA1: the accountant and the principal manage fees (items, generation, reconciliation, every family's figures). */
export function managesFees(grants: Grants, school: string): boolean {
	return !grants.disabled && grants.roles.some((r) => r.organisation === school && (r.role === 'accountant' || r.role === 'principal'));
}

/** The schools whose fees the person manages. */
export function feeSchools(grants: Grants): string[] {
	return grants.disabled ? [] : [...new Set(grants.roles.filter((r) => r.role === 'accountant' || r.role === 'principal').map((r) => r.organisation))];
}

/** FA2: a homeroom teacher sees their own class's payment status (never exemption reasons). */
export function seesClassPayments(grants: Grants, school: string, year: string, classCode: string): boolean {
	if (grants.disabled) return false;
	return managesFees(grants, school) || grants.homeroom.some((h) => h.school === school && h.year === year && h.classCode === classCode);
}
