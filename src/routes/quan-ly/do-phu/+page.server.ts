import { loadCoverage } from '$lib/server/guardianship/coverage';
import { requireLeader } from '$lib/server/leadership';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const leader = await requireLeader(locals);
	const { db, now } = services();
	return { schoolName: leader.schoolName, year: leader.year, coverage: await loadCoverage(db, leader.school, leader.year, now()) };
};
