import { requireFeeOfficer } from '$lib/server/fees/access';
import { dueFacts, feeReport } from '$lib/server/fees/reports';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** Families with overdue amounts shown per page; the .xlsx report lists them all. */
const OVERDUE_PER_PAGE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const officer = await requireFeeOfficer(locals);
	const { db, now } = services();
	const facts = await dueFacts(db, { school: officer.school, year: officer.year });
	const report = feeReport(facts, now().toISOString().slice(0, 10));
	const pages = Math.max(1, Math.ceil(report.overdue.length / OVERDUE_PER_PAGE));
	const page = Math.min(Math.max(1, Math.trunc(Number(url.searchParams.get('trang') ?? '1')) || 1), pages);
	return {
		schoolName: officer.schoolName,
		year: officer.year,
		report: { ...report, overdue: report.overdue.slice((page - 1) * OVERDUE_PER_PAGE, page * OVERDUE_PER_PAGE) },
		overdueCount: report.overdue.length,
		page,
		pages
	};
};
