/**
 * The access policy as server routes use it: the signed-in person's grants, narrowed to the
 * capacity their session acts in, and the route-group check that every guarded route makes.
 */
import { error, redirect } from '@sveltejs/kit';
import { actingRolesOf, grantsActingAs, type ActingRole } from '../domain/access/acting-role';
import type { Grants } from '../domain/access/grants';
import type { AccessLevel } from '../domain/access/policy';
import { routeAccess, type RouteContext, type RouteGroup } from '../domain/access/route-access';
import { loadGrants } from './grants';
import { services } from './services';
import type { Session, SessionPerson } from './session';

export interface Viewer {
	person: SessionPerson;
	session: Session;
	/** Everything the person holds, in every capacity. */
	allGrants: Grants;
	/** What the current capacity grants: use this for every decision. */
	grants: Grants;
	actingRoles: ActingRole[];
}

/** The signed-in viewer, or a redirect to sign-in (pages) — see `requireApiViewer` for APIs. */
export async function requireViewer(locals: App.Locals): Promise<Viewer> {
	if (!locals.person || !locals.session) redirect(303, '/dang-nhap');
	return viewerOf(locals.person, locals.session);
}

export async function requireApiViewer(locals: App.Locals): Promise<Viewer> {
	if (!locals.person || !locals.session) error(401, 'Bạn chưa đăng nhập.');
	return viewerOf(locals.person, locals.session);
}

async function viewerOf(person: SessionPerson, session: Session): Promise<Viewer> {
	const allGrants = await loadGrants(services().db, person.id);
	return { person, session, allGrants, grants: grantsActingAs(allGrants, session.activeRole), actingRoles: actingRolesOf(allGrants) };
}

/** Refuses with 403 unless the route group grants at least `needed`. */
export function requireRoute(viewer: Viewer, group: RouteGroup, needed: Exclude<AccessLevel, 'none'>, context: RouteContext = {}): void {
	const access = routeAccess(viewer.grants, group, context);
	if (access === 'none' || (needed === 'write' && access !== 'write')) error(403, 'Bạn không có quyền dùng chức năng này.');
}
