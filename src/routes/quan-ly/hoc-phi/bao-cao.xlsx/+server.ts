import { requireFeeOfficer } from '$lib/server/fees/access';
import { dueFacts, feeReport, feeReportWorkbook } from '$lib/server/fees/reports';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** FA17: the fee report as .xlsx (accountant and principal only). */
export const GET: RequestHandler = async ({ locals }) => {
	const officer = await requireFeeOfficer(locals);
	const { db, now } = services();
	const report = feeReport(await dueFacts(db, { school: officer.school, year: officer.year }), now().toISOString().slice(0, 10));
	const bytes = await feeReportWorkbook(report, `Báo cáo thu ${officer.schoolName} ${officer.year}`);
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="bao-cao-thu-${officer.year}.xlsx"`,
			'cache-control': 'no-store'
		}
	});
};
