import { classExports, recentExchanges } from '$lib/server/exchange/requests';
import { requireLeader } from '$lib/server/leadership';
import { RESULTS_LAYOUTS } from '$lib/domain/exchange/results-layout';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const leader = await requireLeader(locals);
	const [runs, exportsByClass] = await Promise.all([recentExchanges(leader.school, leader.year), classExports(leader.school, leader.year)]);
	return { schoolName: leader.schoolName, year: leader.year, runs, exportsByClass, layouts: RESULTS_LAYOUTS.map((l) => ({ version: l.version, label: l.label })) };
};
