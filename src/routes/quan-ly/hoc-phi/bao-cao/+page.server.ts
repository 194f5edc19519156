import { requireFeeOfficer } from '$lib/server/fees/access';
import { dueFacts, feeReport } from '$lib/server/fees/reports';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';
import { pageWindow } from '$lib/domain/display/paging';

/** Families with overdue amounts shown per page; the .xlsx report lists them all. */
const OVERDUE_PER_PAGE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const officer = await requireFeeOfficer(locals);
	const { db, now } = services();
	const facts = await dueFacts(db, { school: officer.school, year: officer.year });
	const report = feeReport(facts, now().toISOString().slice(0, 10));
	const { page, pages, start, end } = pageWindow(report.overdue.length, url.searchParams.get('trang'), OVERDUE_PER_PAGE);
	return {
		schoolName: officer.schoolName,
		year: officer.year,
		report: { ...report, overdue: report.overdue.slice(start, end) },
		overdueCount: report.overdue.length,
		page,
		pages
	};
};
