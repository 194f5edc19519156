import { loadCoverage } from '$lib/server/guardianship/coverage';
import { requireLeader } from '$lib/server/leadership';
import { recordSchoolPageView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const leader = await requireLeader(locals);
	// Privacy SPEC PR4: students' data on a page is a view, logged before it is served.
	await recordSchoolPageView(leader, '/quan-ly/do-phu', `Độ phủ hồ sơ (danh sách còn thiếu), năm học ${leader.year}`);
	const { db, now } = services();
	return { schoolName: leader.schoolName, year: leader.year, coverage: await loadCoverage(db, leader.school, leader.year, now()) };
};
