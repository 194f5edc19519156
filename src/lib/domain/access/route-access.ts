/**
 * Route groups: which parts of the app a person may use, decided like documents are (policy.ts)
 * and from the same grants. Server routes ask `routeAccess` before loading anything; pages only
 * mirror the answer (a link shown or not).
 */
import type { AccessLevel } from './policy';
import type { Grants, StaffRole } from './grants';
import { verifiedChildren } from './grants';

export type RouteGroup = 'teacher' | 'homeroom' | 'school-admin' | 'district' | 'guardian';

export const ROUTE_GROUPS: readonly RouteGroup[] = ['teacher', 'homeroom', 'school-admin', 'district', 'guardian'];

export interface RouteContext {
	/** The school the route is about; without it the question is "anywhere?". */
	school?: string;
}

const LEADERS: readonly StaffRole[] = ['principal', 'vice_principal'];

const at = (school: string | undefined, candidate: string) => school === undefined || school === candidate;

function holds(grants: Grants, roles: readonly StaffRole[], school: string | undefined): boolean {
	return grants.roles.some((r) => roles.includes(r.role) && at(school, r.organisation));
}

export function routeAccess(grants: Grants, group: RouteGroup, context: RouteContext = {}): AccessLevel {
	if (grants.disabled) return 'none';
	const { school } = context;
	switch (group) {
		case 'teacher':
			// Teachers work in their assigned gradebooks; school leaders look over their shoulder.
			if (grants.teaching.some((t) => at(school, t.school))) return 'write';
			return holds(grants, [...LEADERS, 'teacher'], school) ? 'read' : 'none';
		case 'homeroom':
			if (grants.homeroom.some((h) => at(school, h.school))) return 'write';
			return holds(grants, LEADERS, school) ? 'read' : 'none';
		case 'school-admin':
			// Principal and vice-principal manage staff, roster and term locks (issue 3, "Roles").
			return holds(grants, LEADERS, school) ? 'write' : 'none';
		case 'district':
			// District officers read the dashboards of the schools their office supervises.
			if (!holds(grants, ['district_officer'], undefined)) return 'none';
			return school === undefined || grants.districtSchools.includes(school) ? 'read' : 'none';
		case 'guardian':
			return verifiedChildren(grants).length > 0 ? 'read' : 'none';
	}
}

/** Every route group at once, e.g. for `/api/me` and the home page's links. */
export function routeAccessAll(grants: Grants, context: RouteContext = {}): Record<RouteGroup, AccessLevel> {
	return Object.fromEntries(ROUTE_GROUPS.map((group) => [group, routeAccess(grants, group, context)])) as Record<RouteGroup, AccessLevel>;
}
