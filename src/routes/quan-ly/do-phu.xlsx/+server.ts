import { coverageWorkbook, loadCoverage } from '$lib/server/guardianship/coverage';
import { requireLeader } from '$lib/server/leadership';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The coverage dashboard as .xlsx: per class and what is missing. */
export const GET: RequestHandler = async ({ locals }) => {
	const leader = await requireLeader(locals);
	const { db, now } = services();
	const coverage = await loadCoverage(db, leader.school, leader.year, now());
	const names = new Map(coverage.classes.map((c) => [c.classCode, c.className]));
	const body = await coverageWorkbook(coverage, (code) => names.get(code) ?? code);
	return new Response(body as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="do-phu-ho-so-${leader.school}-${leader.year}.xlsx"`,
			'cache-control': 'private, no-store'
		}
	});
};
