import { error } from '@sveltejs/kit';
import { parsePeriod } from '$lib/domain/reports';
import { loadClassSummary } from '$lib/server/homeroom/class-summary-data';
import { requireClassSummary } from '$lib/server/homeroom/class-summary-access';
import { recordView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** Tổng kết lớp: the homeroom teacher's and the leaders' class summary for HK I, HK II or the year. */
const PERIOD_NAMES: Record<string, string> = { hk1: 'HK I', hk2: 'HK II', year: 'cả năm' };

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { info, as, viewer } = await requireClassSummary(locals, params);
	const period = parsePeriod(url.searchParams.get('ky'));
	if (!period) error(400, 'Kì tổng kết phải là hk1, hk2 hoặc ca-nam.');
	// Privacy SPEC PR4: one class entry, written before the data is read out.
	await recordView(viewer, {
		kind: 'page',
		target: `/lop/${info.school}/${info.year}/${info.classCode}/tong-ket`,
		what: `Tổng kết lớp ${info.className} (${PERIOD_NAMES[period] ?? period})`,
		scopes: [{ kind: 'class', school: info.school, year: info.year, classCode: info.classCode }],
		role: { school: info.school, year: info.year, classCode: info.classCode },
		className: info.className
	});
	const summary = await loadClassSummary(services().db, info, period);
	return { info, as, period, summary };
};
