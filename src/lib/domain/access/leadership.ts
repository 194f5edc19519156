/** School leadership, for routes only leaders may use (term locks, corrections, audit export). */
import type { Grants } from './grants';

export function leadsSchool(grants: Grants, school: string): boolean {
	return !grants.disabled && grants.roles.some((r) => r.organisation === school && (r.role === 'principal' || r.role === 'vice_principal'));
}

/** Schools the person leads. */
export function ledSchools(grants: Grants): string[] {
	return grants.disabled ? [] : [...new Set(grants.roles.filter((r) => r.role === 'principal' || r.role === 'vice_principal').map((r) => r.organisation))];
}
