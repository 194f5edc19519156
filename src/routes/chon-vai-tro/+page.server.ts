import { error, redirect } from '@sveltejs/kit';
import { ACTING_ROLES, type ActingRole } from '$lib/domain/access/acting-role';
import { requireViewer } from '$lib/server/access';
import { services } from '$lib/server/services';
import { setActiveRole } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** A person who is both staff and guardian chooses the capacity to act in, and can switch later. */
export const load: PageServerLoad = async ({ locals }) => {
	const viewer = await requireViewer(locals);
	if (viewer.actingRoles.length === 1 && viewer.session.activeRole !== viewer.actingRoles[0]) {
		await setActiveRole(services().db, services().sync, viewer.session, viewer.actingRoles[0]!);
		redirect(303, '/');
	}
	return { name: viewer.person.fullName, roles: viewer.actingRoles, active: viewer.session.activeRole };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const viewer = await requireViewer(locals);
		const role = (await request.formData()).get('role');
		if (typeof role !== 'string' || !ACTING_ROLES.includes(role as ActingRole) || !viewer.actingRoles.includes(role as ActingRole)) {
			error(403, 'Bạn không có vai trò này.');
		}
		await setActiveRole(services().db, services().sync, viewer.session, role as ActingRole);
		redirect(303, '/');
	}
};
