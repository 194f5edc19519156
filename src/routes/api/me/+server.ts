import { json } from '@sveltejs/kit';
import { personRoles } from '$lib/domain/access/person-roles';
import { routeAccessAll } from '$lib/domain/access/route-access';
import { consentNeeded } from '$lib/domain/privacy/consent';
import { CURRENT_NOTICE_VERSION } from '$lib/domain/privacy/notice';
import { acceptedVersions } from '$lib/server/privacy/consent';
import { requireApiViewer } from '$lib/server/access';
import { accessibleDocuments } from '$lib/server/documents';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * Who is signed in, in which capacity, their roles, the route groups open to them and every
 * document they may sync (the PWA syncs these; tests use it). Everything follows the session's
 * active role: a teacher acting as a parent gets a parent's answer.
 *
 * Privacy SPEC PR13: before a guardian session has accepted the current purpose notice it still
 * answers (the app needs to know who is signed in to show the notice and to sign out), but with
 * `consentNeeded: true` and no documents: a child's document name links the guardian to the child,
 * which is processed only after the notice is accepted.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const viewer = await requireApiViewer(locals);
	const db = services().db;
	const waiting = viewer.session.activeRole === 'guardian' && consentNeeded('guardian', await acceptedVersions(db, viewer.person.id), CURRENT_NOTICE_VERSION);
	return json(
		{
			person: { id: viewer.person.id, name: viewer.person.fullName },
			activeRole: viewer.session.activeRole,
			actingRoles: viewer.actingRoles,
			roles: personRoles(viewer.grants),
			routes: routeAccessAll(viewer.grants),
			consentNeeded: waiting,
			documents: waiting ? [] : await accessibleDocuments(db, viewer.grants)
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
