import { requireFeeOfficer } from '$lib/server/fees/access';
import { dueFacts, feeReport } from '$lib/server/fees/reports';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const officer = await requireFeeOfficer(locals);
	const { db, now } = services();
	const facts = await dueFacts(db, { school: officer.school, year: officer.year });
	return { schoolName: officer.schoolName, year: officer.year, report: feeReport(facts, now().toISOString().slice(0, 10)) };
};
