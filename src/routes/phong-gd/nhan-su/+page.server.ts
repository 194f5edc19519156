/**
 * The district office's staff page (access SPEC A11): staff of the schools the office supervises,
 * 20 a page (`?trang=`), each with "disable everywhere" / "re-enable". Only a district officer reaches it; each action is
 * checked again on the server against the target's workplaces.
 */
import { fail } from '@sveltejs/kit';
import { requireRoute, requireViewer } from '$lib/server/access';
import { services } from '$lib/server/services';
import { listDistrictStaff, setDisabledEverywhere } from '$lib/server/staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = await requireViewer(locals);
	requireRoute(viewer, 'district', 'read');
	return { me: viewer.person.id, ...(await listDistrictStaff(services().db, viewer.grants.districtSchools, Number(url.searchParams.get('trang') ?? '1'))) };
};

async function decide(locals: App.Locals, request: Request, disabled: boolean) {
	const viewer = await requireViewer(locals);
	requireRoute(viewer, 'district', 'read');
	const personId = (await request.formData()).get('personId');
	if (typeof personId !== 'string' || personId === '') return fail(400, { error: 'Thiếu người cần xử lý.' });
	const { db, sync, now } = services();
	const result = await setDisabledEverywhere(db, sync, { actor: viewer.grants, personId, disabled, now: now() });
	return result.ok ? { message: result.message } : fail(403, { error: result.error });
}

export const actions: Actions = {
	'vo-hieu-hoa': ({ locals, request }) => decide(locals, request, true),
	'kich-hoat': ({ locals, request }) => decide(locals, request, false)
};
