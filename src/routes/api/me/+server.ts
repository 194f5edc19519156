import { json } from '@sveltejs/kit';
import { personRoles } from '$lib/domain/access/person-roles';
import { routeAccessAll } from '$lib/domain/access/route-access';
import { requireApiViewer } from '$lib/server/access';
import { accessibleDocuments } from '$lib/server/documents';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * Who is signed in, in which capacity, their roles, the route groups open to them and every
 * document they may sync (the PWA syncs these; tests use it). Everything follows the session's
 * active role: a teacher acting as a parent gets a parent's answer.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const viewer = await requireApiViewer(locals);
	return json(
		{
			person: { id: viewer.person.id, name: viewer.person.fullName },
			activeRole: viewer.session.activeRole,
			actingRoles: viewer.actingRoles,
			roles: personRoles(viewer.grants),
			routes: routeAccessAll(viewer.grants),
			documents: await accessibleDocuments(services().db, viewer.grants)
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
