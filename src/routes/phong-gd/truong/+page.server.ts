/** The district office's schools, a page at a time, with each school's coverage of the current year. */
import { requireRoute, requireViewer } from '$lib/server/access';
import { schoolCoveragePage } from '$lib/server/district/school-overview';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = await requireViewer(locals);
	requireRoute(viewer, 'district', 'read');
	return await schoolCoveragePage(services().db, viewer.grants.districtSchools, Number(url.searchParams.get('trang') ?? '1'));
};
