/** The district office's identity coverage, per supervised school, a page at a time (guardianship SPEC CV3). */
import { requireRoute, requireViewer } from '$lib/server/access';
import { identityCoveragePage } from '$lib/server/district/identity-coverage';
import { vietnamDay } from '$lib/server/guardianship/coverage';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = await requireViewer(locals);
	requireRoute(viewer, 'district', 'read');
	const { db, now } = services();
	return await identityCoveragePage(db, viewer.grants.districtSchools, Number(url.searchParams.get('trang') ?? '1'), vietnamDay(now()));
};
