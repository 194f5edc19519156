import { coverageWorkbook, loadCoverage } from '$lib/server/guardianship/coverage';
import { requireLeader } from '$lib/server/leadership';
import { recordView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The coverage dashboard as .xlsx: per class and what is missing. */
export const GET: RequestHandler = async ({ locals }) => {
	const leader = await requireLeader(locals);
	const { db, now } = services();
	// Privacy SPEC PR4/PR8: the missing items name students and guardians of every class.
	await recordView(leader, {
		kind: 'export',
		target: '/quan-ly/do-phu.xlsx',
		what: `Tệp Excel độ phủ hồ sơ (danh sách còn thiếu), năm học ${leader.year}`,
		scopes: [{ kind: 'school', school: leader.school, year: leader.year }]
	});
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
