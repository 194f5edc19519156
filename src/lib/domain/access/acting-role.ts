/**
 * The capacity a person acts in during a session. A teacher who is also a parent signs in once
 * and chooses: as staff they see their classes, as a guardian their children — never both at
 * once, so each view holds only the data that capacity needs (docs/domain/privacy.md §4, minimisation).
 */
import { LIVE_GUARDIANSHIP_STATES, type Grants } from './grants';

export type ActingRole = 'staff' | 'guardian';

export const ACTING_ROLES: readonly ActingRole[] = ['staff', 'guardian'];

/** The capacities a person may act in, staff first. Empty: the school knows them in neither. */
export function actingRolesOf(grants: Grants): ActingRole[] {
	if (grants.disabled) return [];
	const roles: ActingRole[] = [];
	if (grants.roles.length > 0 || grants.teaching.length > 0 || grants.homeroom.length > 0) roles.push('staff');
	if (grants.guardianOf.some((g) => LIVE_GUARDIANSHIP_STATES.includes(g.state))) roles.push('guardian');
	return roles;
}

/**
 * The grants of one capacity: as staff, no guardianships; as a guardian, no school roles.
 * `null` (not chosen yet) grants nothing, so a two-capacity person must choose first.
 */
export function grantsActingAs(grants: Grants, role: ActingRole | null): Grants {
	if (role === 'staff') return { ...grants, guardianOf: [] };
	if (role === 'guardian') return { ...grants, roles: [], districtSchools: [], teaching: [], homeroom: [] };
	return { ...grants, roles: [], districtSchools: [], teaching: [], homeroom: [], guardianOf: [] };
}

/** The role a new session starts in: the only one, or null when the person must choose. */
export function initialActingRole(grants: Grants): ActingRole | null {
	const roles = actingRolesOf(grants);
	return roles.length === 1 ? roles[0]! : null;
}
