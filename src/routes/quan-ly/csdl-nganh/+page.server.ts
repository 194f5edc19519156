import { recentExchanges } from '$lib/server/exchange/requests';
import { requireLeader } from '$lib/server/leadership';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const leader = await requireLeader(locals);
	return { schoolName: leader.schoolName, year: leader.year, runs: await recentExchanges(leader.school) };
};
