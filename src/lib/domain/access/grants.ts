/** Everything the access policy needs to know about one person, loaded by the server and passed in. */

export type StaffRole = 'district_officer' | 'principal' | 'vice_principal' | 'scheduler' | 'teacher' | 'accountant';

/** Guardianship states that open a child's data (docs/domain/identity.md §6). */
export const VERIFIED_GUARDIANSHIP_STATES = ['school_checked', 'authority_confirmed'] as const;

/** Guardianship states in which the adult still has a link to follow: pending or verified (not rejected or revoked). */
export const LIVE_GUARDIANSHIP_STATES: readonly string[] = ['declared', 'needs_more_info', ...VERIFIED_GUARDIANSHIP_STATES];

export interface Grants {
	personId: string;
	disabled: boolean;
	/** Roles held at an organisation: a school, or for district officers their office. */
	roles: Array<{ organisation: string; role: StaffRole }>;
	/** Schools supervised by the offices where the person is a district officer. */
	districtSchools: string[];
	teaching: Array<{ school: string; year: string; classCode: string; subject: string }>;
	homeroom: Array<{ school: string; year: string; classCode: string }>;
	guardianOf: Array<{ student: string; state: string }>;
	/** Students whose data the person's school roles cover (student views), by school. */
	studentSchools?: Record<string, string>;
}

/** The children whose data the person may see as a guardian: verified guardianships only. */
export function verifiedChildren(grants: Grants): string[] {
	return grants.guardianOf.filter((g) => (VERIFIED_GUARDIANSHIP_STATES as readonly string[]).includes(g.state)).map((g) => g.student);
}

/** Whether the person is a verified guardian of this student (the check every parent route makes). */
export function isVerifiedGuardianOf(grants: Grants, student: string): boolean {
	return verifiedChildren(grants).includes(student);
}

export function emptyGrants(personId: string): Grants {
	return { personId, disabled: false, roles: [], districtSchools: [], teaching: [], homeroom: [], guardianOf: [] };
}
