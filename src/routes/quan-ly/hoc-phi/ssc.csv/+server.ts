import { requireFeeOfficer } from '$lib/server/fees/access';
import { audit } from '$lib/server/fees/audit';
import { sscDuesCsv } from '$lib/server/fees/ssc-export';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** FA18: open dues for SSC in the documented layout (docs/fees.md), accountant and principal only. */
export const GET: RequestHandler = async ({ locals }) => {
	const officer = await requireFeeOfficer(locals);
	const { db } = services();
	const csv = await sscDuesCsv(db, { school: officer.school, year: officer.year });
	await audit(db, officer.school, officer.person.id, 'ssc.export', officer.year);
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="ssc-khoan-phai-thu-${officer.year}.csv"`, 'cache-control': 'no-store' }
	});
};
