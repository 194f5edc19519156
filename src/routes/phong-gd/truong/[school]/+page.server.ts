/** One supervised school's results per subject for a school year (the current one by default). */
import { error } from '@sveltejs/kit';
import { requireRoute, requireViewer } from '$lib/server/access';
import { schoolResults, schoolWithYears } from '$lib/server/district/school-overview';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const viewer = await requireViewer(locals);
	requireRoute(viewer, 'district', 'read');
	// Only a school the office supervises: another office's schools are not this officer's.
	if (!viewer.grants.districtSchools.includes(params.school)) error(404, 'Không có trường này trong đơn vị quản lý.');
	const { db } = services();
	const school = await schoolWithYears(db, params.school);
	const year = school?.years.find((y) => y.year === url.searchParams.get('nam')) ?? school?.years.find((y) => y.current);
	if (!school || !year) error(404, 'Trường chưa có năm học nào.');
	return { school: { id: params.school, name: school.name }, year: year.year, years: school.years, results: await schoolResults(db, params.school, year.year) };
};
