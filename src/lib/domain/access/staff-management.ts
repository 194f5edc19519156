/**
 * Who may take whose access away (access SPEC A10–A11). A school's leaders manage their own
 * school only; disabling a person everywhere is the district office's decision.
 */
import type { Grants } from './grants';

/**
 * A10: the grants left when the person is disabled at these schools — their roles and assignments
 * there are dropped; other schools, the district office and guardianships are kept.
 */
export function withoutSuspendedSchools(grants: Grants, suspendedSchools: readonly string[]): Grants {
	if (suspendedSchools.length === 0) return grants;
	const kept = (school: string) => !suspendedSchools.includes(school);
	const studentSchools = grants.studentSchools
		? Object.fromEntries(Object.entries(grants.studentSchools).filter(([, school]) => kept(school)))
		: undefined;
	return {
		...grants,
		roles: grants.roles.filter((r) => kept(r.organisation)),
		teaching: grants.teaching.filter((t) => kept(t.school)),
		homeroom: grants.homeroom.filter((h) => kept(h.school)),
		...(studentSchools ? { studentSchools } : {})
	};
}

/** The schools (and offices) where the grants hold a role or an assignment. */
export function workplacesOf(grants: Grants): string[] {
	return [...new Set([...grants.roles.map((r) => r.organisation), ...grants.teaching.map((t) => t.school), ...grants.homeroom.map((h) => h.school)])];
}

/**
 * A11: only a district officer disables a person everywhere (every school, every capacity, guardian
 * included), and only someone who works at a school their office supervises — never themselves.
 */
export function mayDisableEverywhere(actor: Grants, target: Grants): boolean {
	if (actor.disabled || actor.personId === target.personId) return false;
	if (!actor.roles.some((r) => r.role === 'district_officer')) return false;
	return workplacesOf(target).some((place) => actor.districtSchools.includes(place));
}
