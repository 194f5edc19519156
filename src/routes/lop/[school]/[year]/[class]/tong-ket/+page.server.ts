import { error } from '@sveltejs/kit';
import { parsePeriod } from '$lib/domain/reports';
import { loadClassSummary } from '$lib/server/homeroom/class-summary-data';
import { requireClassSummary } from '$lib/server/homeroom/class-summary-access';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** Tổng kết lớp: the homeroom teacher's and the leaders' class summary for HK I, HK II or the year. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { info, as } = await requireClassSummary(locals, params);
	const period = parsePeriod(url.searchParams.get('ky'));
	if (!period) error(400, 'Kì tổng kết phải là hk1, hk2 hoặc ca-nam.');
	const summary = await loadClassSummary(services().db, info, period);
	return { info, as, period, summary };
};
