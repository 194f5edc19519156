/** The roles a person holds, as one flat list (what `/api/me` reports and pages show). */
import { LIVE_GUARDIANSHIP_STATES, type Grants, type StaffRole } from './grants';

export type PersonRole =
	| { role: StaffRole; organisation: string }
	| { role: 'homeroom_teacher'; organisation: string; year: string; classCode: string }
	| { role: 'guardian'; student: string; state: string };

const ORDER: readonly PersonRole['role'][] = ['district_officer', 'principal', 'vice_principal', 'accountant', 'scheduler', 'teacher', 'homeroom_teacher', 'guardian'];

export function personRoles(grants: Grants): PersonRole[] {
	if (grants.disabled) return [];
	const roles: PersonRole[] = [
		...grants.roles.map((r) => ({ role: r.role, organisation: r.organisation })),
		...grants.homeroom.map((h) => ({ role: 'homeroom_teacher' as const, organisation: h.school, year: h.year, classCode: h.classCode })),
		...grants.guardianOf.filter((g) => LIVE_GUARDIANSHIP_STATES.includes(g.state)).map((g) => ({ role: 'guardian' as const, student: g.student, state: g.state }))
	];
	return roles.sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role));
}
