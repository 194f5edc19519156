import { error } from '@sveltejs/kit';
import { parsePeriod } from '$lib/domain/reports';
import { loadClassSummary } from '$lib/server/homeroom/class-summary-data';
import { requireClassSummary } from '$lib/server/homeroom/class-summary-access';
import { summaryFileName, summaryWorkbook, XLSX_TYPE } from '$lib/server/homeroom/summary-workbook';
import { recordView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The class summary as an Excel file: `?ky=hk1|hk2|ca-nam` (default: the year). */
const PERIOD_NAMES: Record<string, string> = { hk1: 'HK I', hk2: 'HK II', year: 'cả năm' };

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { info, viewer } = await requireClassSummary(locals, params);
	const period = parsePeriod(url.searchParams.get('ky'));
	if (!period) error(400, 'Kì tổng kết phải là hk1, hk2 hoặc ca-nam.');
	// Privacy SPEC PR4/PR8: an export is logged first; no log, no file.
	await recordView(viewer, {
		kind: 'export',
		target: `/lop/${info.school}/${info.year}/${info.classCode}/tong-ket.xlsx`,
		what: `Tệp Excel tổng kết lớp ${info.className} (${PERIOD_NAMES[period] ?? period})`,
		scopes: [{ kind: 'class', school: info.school, year: info.year, classCode: info.classCode }],
		role: { school: info.school, year: info.year, classCode: info.classCode },
		className: info.className
	});
	const summary = await loadClassSummary(services().db, info, period);
	const body = await summaryWorkbook(info, summary);
	return new Response(body as BodyInit, {
		headers: {
			'content-type': XLSX_TYPE,
			'content-disposition': `attachment; filename="${summaryFileName(info, summary)}"`,
			'cache-control': 'private, no-store'
		}
	});
};
